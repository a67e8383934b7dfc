using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Refunds;

/// <summary>
/// Demo Coffee with a scripted Stripe that captures every payment, the demo thresholds (100.00 USD) and a second Admin,
/// so refunds can be asked for, approved by someone else and settled against real PostgreSQL.
/// </summary>
public sealed class RefundTestBed : IAsyncDisposable
{
    public const string SecondAdminEmail = "admin@northwind.local";

    private RefundTestBed(CoreHost host, ScriptedGateway stripe, ManualClock clock, Guid merchantId)
    {
        Host = host;
        Stripe = stripe;
        Clock = clock;
        MerchantId = merchantId;
    }

    public CoreHost Host { get; }

    public ScriptedGateway Stripe { get; }

    public ManualClock Clock { get; }

    public Guid MerchantId { get; }

    public static async Task<RefundTestBed> StartAsync()
    {
        var stripe = new ScriptedGateway(GatewayKind.Stripe);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var host = await CoreHost.StartAsync(clock: clock, configure: services => services.AddSingleton<IGatewayAdapterFactory>(stripe));
        var coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe);
        var added = await host.Service<MemberAdministration>().AddAsync(coffee, TestActors.Someone, SecondAdminEmail, "", MerchantRole.Admin);
        Assert.True(added.Succeeded, added.Error);
        return new RefundTestBed(host, stripe, clock, coffee);
    }

    public Task<UserAccess> AccessAsync(string email) => Host.ResolveAsync(email, MerchantId);

    /// <summary>A captured payment of <paramref name="minor"/> in <paramref name="currency"/> (USD by default).</summary>
    public async Task<Guid> CapturedPaymentAsync(long minor, string currency = "USD")
    {
        var result = await Host.Service<PaymentRouter>().PayAsync(new PayCommand(
            MerchantId, Guid.NewGuid().ToString(), new Money(minor, Currency.From(currency)), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true,
            "Refund test", "customer@example.com", null, AuditActor.System("test"), null));
        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        return result.PaymentId!.Value;
    }

    public async Task<Core.Common.CommandResult<RefundOutcome>> RequestAsync(string email, Guid paymentId, long minor, string currency = "USD", string? key = null) =>
        await Host.Service<RefundRequests>().RequestAsync(await AccessAsync(email),
            new NewRefund(paymentId, new Money(minor, Currency.From(currency)), "Customer returned the goods", key ?? Guid.NewGuid().ToString()));

    public async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = Host.Context(MerchantId);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    public async Task<Refund> RefundAsync(Guid id)
    {
        await using var db = Host.Context(MerchantId);
        return await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<IReadOnlyList<(AuditAction Action, AuditOutcome Outcome)>> RefundAuditAsync(Guid refundId)
    {
        await using var db = Host.Context(MerchantId);
        return (await db.AuditEntries.AsNoTracking()
                .Where(e => e.TargetType == RefundLedger.TargetType && e.TargetId == refundId.ToString())
                .OrderBy(e => e.Sequence)
                .Select(e => new { e.Action, e.Outcome })
                .ToListAsync())
            .Select(e => (e.Action, e.Outcome)).ToList();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
