using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>
/// The gateway sync against the Stripe simulator through Stripe.net, with the simulators' webhooks switched off: everything the
/// portal learns here, it learns by reading Stripe's event log back — a lost reply, a dispute and its decision, a payout.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class SandboxGatewaySyncTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IAsyncLifetime
{
    private Guid coffee;

    private StripeSimulator Stripe => fixture.App.Service<StripeSimulator>();

    public async Task InitializeAsync()
    {
        await using var db = Context(null);
        coffee = await db.Merchants.Where(m => m.Name == DemoData.DemoCoffee).Select(m => m.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        fixture.App.Service<SimulatedFaults>().Set(GatewayKind.Stripe, FaultSettings.None);
        await SetStripeTimeoutAsync(10_000);
    }

    [Fact]
    public async Task Sync_AfterALostReplyWhoseWebhookNeverCame_SettlesThePayment()
    {
        await SetStripeTimeoutAsync(500);
        fixture.App.Service<SimulatedFaults>().Set(GatewayKind.Stripe, new FaultSettings(TimeoutAfterCommit: 1));
        var paid = await PayAsync("pm_card_visa", 3100);
        fixture.App.Service<SimulatedFaults>().Set(GatewayKind.Stripe, FaultSettings.None);
        Assert.Equal(PaymentStatus.RequiresReconciliation, paid.Status);

        var synced = await SyncAndProcessAsync();

        Assert.True(synced.Caught >= 1, $"caught {synced.Caught} of {synced.Read}");
        var payment = await PaymentAsync(paid.PaymentId!.Value);
        Assert.Equal((PaymentStatus.Succeeded, 3100L), (payment.Status, payment.CapturedMinor));
        var moved = Assert.Single(await AuditAsync(AuditAction.PaymentSucceeded, payment.Id.ToString()));
        Assert.Equal("webhook:stripe", moved.ActorName);
    }

    [Fact]
    public async Task Sync_ADisputedChargeAndItsDecision_RecordedAgainstThePayment()
    {
        var paid = await PayAsync(StripeTestCards.CreateDispute, 5400);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);

        await SyncAndProcessAsync();
        var opened = await DisputeOfAsync(paid.PaymentId!.Value);
        Assert.True(Stripe.CloseDispute(SandboxGateways.StripeSandboxKeyFor(coffee), opened.GatewayReference, won: false));
        await SyncAndProcessAsync();
        var decided = await DisputeOfAsync(paid.PaymentId.Value);

        Assert.Equal((DisputeStatus.NeedsResponse, 5400L, "fraudulent"), (opened.Status, opened.AmountMinor, opened.Reason));
        Assert.NotNull(opened.EvidenceDueBy);
        Assert.Equal((DisputeStatus.Lost, opened.Id), (decided.Status, decided.Id));
        Assert.Single(await AuditAsync(AuditAction.DisputeOpened, paid.PaymentId.Value.ToString()));
        Assert.Single(await AuditAsync(AuditAction.DisputeClosed, paid.PaymentId.Value.ToString()));
    }

    [Fact]
    public async Task Sync_APayoutOfTheBalance_RecordedPaidWithItsAmount()
    {
        await PayAsync("pm_card_visa", 2500);
        var key = SandboxGateways.StripeSandboxKeyFor(coffee);
        var balance = Stripe.BalanceOf(key, "usd");
        var payoutId = Stripe.PayOut(key, "usd");
        Assert.NotNull(payoutId);

        await SyncAndProcessAsync();

        await using var db = Context(coffee);
        var payout = await db.Payouts.AsNoTracking().SingleAsync(p => p.GatewayReference == payoutId);
        Assert.Equal((PayoutStatus.Paid, balance, "USD"), (payout.Status, payout.AmountMinor, payout.CurrencyCode));
        Assert.Single(await AuditAsync(AuditAction.PayoutPaid, payout.Id.ToString()));
    }

    private async Task<GatewaySyncResult> SyncAndProcessAsync()
    {
        var result = await fixture.App.Service<GatewaySync>().SyncAsync(coffee, GatewayKind.Stripe);
        Assert.Equal(GatewaySyncOutcome.Synced, result.Outcome);
        while (await fixture.App.Service<WebhookInboxProcessor>().ProcessPendingAsync(100) > 0)
        {
            // Until nothing due is left.
        }

        return result;
    }

    private Task<PayResult> PayAsync(string token, long amountMinor) =>
        fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, Guid.NewGuid().ToString(), new Money(amountMinor, Currency.Usd), new PaymentToken(GatewayKind.Stripe, token), true, "Gateway sync",
            "ada@example.com", null, AuditActor.System("test"), TestActors.Origin));

    private async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = Context(coffee);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<Dispute> DisputeOfAsync(Guid paymentId)
    {
        await using var db = Context(coffee);
        return await db.Disputes.AsNoTracking().SingleAsync(d => d.PaymentId == paymentId);
    }

    private async Task<List<AuditEntry>> AuditAsync(AuditAction action, string targetId)
    {
        await using var db = Context(coffee);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.TargetId == targetId).ToListAsync();
    }

    private async Task SetStripeTimeoutAsync(int milliseconds)
    {
        await using var db = Context(coffee);
        var stripe = await db.MerchantGateways.SingleAsync(g => g.Gateway == GatewayKind.Stripe);
        stripe.AttemptTimeoutMs = milliseconds;
        await db.SaveChangesAsync();
    }

    private PortalDbContext Context(Guid? merchant) => CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(merchant));
}
