using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>
/// An app that runs its jobs, with the simulators' webhooks on, and with the scheduled jobs that could settle a payment
/// (the webhook-inbox job, reconciliation) switched off: whatever settles the payment is the drain woken by the intake.
/// </summary>
public sealed class WebhookDrainFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sandbox:Webhooks:Enabled"] = "true",
        ["Sandbox:Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Jobs:RunServer"] = "true",
        ["Jobs:Schedules:webhook-inbox"] = "off",
        ["Jobs:Schedules:payment-reconciliation"] = "off",
    };
}

[Trait("Tier", "Integration")]
public sealed class SandboxWebhookDrainTests(WebhookDrainFixture fixture) : IClassFixture<WebhookDrainFixture>
{
    [Fact]
    public async Task Pay_StripeReplyLost_WebhookIsAppliedAsSoonAsItIsStored()
    {
        var coffee = await MerchantAsync();
        await SetStripeTimeoutAsync(coffee, 500);
        var faults = fixture.App.Service<SimulatedFaults>();
        faults.Set(GatewayKind.Stripe, new FaultSettings(TimeoutAfterCommit: 1));
        PayResult result;
        try
        {
            result = await fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(
                coffee, Guid.NewGuid().ToString(), new Money(3100, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true,
                "Webhook drain", "ada@example.com", null, AuditActor.System("test"), TestActors.Origin));
        }
        finally
        {
            faults.Set(GatewayKind.Stripe, FaultSettings.None);
            await SetStripeTimeoutAsync(coffee, 10_000);
        }

        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);

        // Nothing here runs the processor: the intake's signal does, well inside the minute the job would take.
        var payment = await Eventually.UntilAsync(async () =>
        {
            await using var db = Context(coffee);
            return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == result.PaymentId);
        }, p => p.Status != PaymentStatus.RequiresReconciliation, TimeSpan.FromSeconds(20), "the webhook to settle the payment");

        Assert.Equal((PaymentStatus.Succeeded, 3100L), (payment.Status, payment.CapturedMinor));
    }

    private async Task<Guid> MerchantAsync()
    {
        await using var db = Context(null);
        return await db.Merchants.Where(m => m.Name == DemoData.DemoCoffee).Select(m => m.Id).SingleAsync();
    }

    private async Task SetStripeTimeoutAsync(Guid merchant, int milliseconds)
    {
        await using var db = Context(merchant);
        var stripe = await db.MerchantGateways.SingleAsync(g => g.Gateway == GatewayKind.Stripe);
        stripe.AttemptTimeoutMs = milliseconds;
        await db.SaveChangesAsync();
    }

    private Core.Persistence.PortalDbContext Context(Guid? merchant) =>
        CoreHost.CreateContext(fixture.Database.AppConnectionString, new Core.Tenancy.FixedTenantScope(merchant));
}
