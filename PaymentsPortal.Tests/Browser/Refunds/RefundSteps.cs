using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Refunds;

/// <summary>Payments and refunds made through the running app's own services, for pages that show them.</summary>
internal static class RefundSteps
{
    /// <summary>A payment captured by the Stripe simulator through the real adapter.</summary>
    public static async Task<Guid> CapturedPaymentAsync(this PortalAppFactory app, Guid merchantId, long minor, string description = "Browser refund test")
    {
        var result = await app.Service<PaymentRouter>().PayAsync(new PayCommand(
            merchantId, Guid.NewGuid().ToString(), new Money(minor, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true,
            description, "shopper@example.com", null, AuditActor.System("test"), null));
        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        return result.PaymentId!.Value;
    }

    public static async Task<Guid> DemoCoffeeIdAsync(this PortalAppFactory app)
    {
        await using var db = CoreHost.CreateContext(app.Database.AppConnectionString, FixedTenantScope.None);
        return (await db.Merchants.AsNoTracking().SingleAsync(m => m.Name == DemoData.DemoCoffee)).Id;
    }

    public static async Task<UserAccess> AccessAsync(this PortalAppFactory app, string email, Guid merchantId)
    {
        var user = await app.ActorAsync(email);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessResolver>().ResolveAsync(user.UserId, merchantId);
    }

    public static async Task<RefundOutcome> RequestRefundAsync(this PortalAppFactory app, string email, Guid merchantId, Guid paymentId, long minor)
    {
        var result = await app.Service<RefundRequests>().RequestAsync(await app.AccessAsync(email, merchantId),
            new NewRefund(paymentId, new Money(minor, Currency.Usd), "Damaged in transit", Guid.NewGuid().ToString()));
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }
}
