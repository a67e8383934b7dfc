using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Tests.Integration.Gateways.Stripe;
using PaymentsPortal.Tests.Support;
using ManualClock = PaymentsPortal.Tests.Support.ManualClock;

namespace PaymentsPortal.Tests.Integration.Payments.Reconciliation;

/// <summary>
/// A charge that appears on a gateway after the payment moved on is given back. Stripe's search index lags behind its
/// writes, so "not found" can be wrong: the simulator reproduces that lag, and the real adapter finds the charge late.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class OrphanedChargesTests : IAsyncLifetime
{
    // Longer than the wait before "not found" is believed, so the first lookup misses the charge.
    private static readonly TimeSpan SearchLag = TimeSpan.FromMinutes(30);

    // Whole seconds: PostgreSQL keeps microseconds, so times read back compare equal.
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private CoreHost host = default!;
    private StripeSandbox stripe = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock);
        stripe = await StripeSandbox.StartAsync(clock, SearchLag);
        host.Service<GatewayEndpoints>().Use(GatewayKind.Stripe, stripe.Host.AddressOf(GatewayKind.Stripe));
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe, GatewayKind.Braintree);
    }

    public async Task DisposeAsync()
    {
        await stripe.DisposeAsync();
        await host.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LateChargeOnAnAbandonedAttempt_IsGivenBackAndAudited(bool capture)
    {
        var (paymentId, orphan) = await AbandonAChargedAttemptAsync(capture);
        Assert.Equal(capture ? 1500 : 0, stripe.Simulator.NetCapturedFor(orphan));
        Assert.Equal(0, await Orphans.SweepDueAsync(10));

        clock.Advance(OrphanedCharges.Watch[0]);
        Assert.Equal(1, await Orphans.SweepDueAsync(10));

        var charge = Assert.Single(stripe.Simulator.ChargesFor(orphan));
        Assert.Equal((0L, false), (charge.NetCaptured, charge.HoldsAuthorization));
        var attempts = await AttemptsAsync(paymentId);
        var reversal = attempts[^1];
        Assert.Equal((capture ? AttemptOperation.Refund : AttemptOperation.Void, GatewayOutcome.Succeeded), (reversal.Operation, reversal.Outcome!.Value));
        Assert.Null(attempts.Single(a => a.Id == orphan).OrphanCheckAt);
        await using var db = host.Context(coffee);
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.OrphanedChargeReversed);
        Assert.Equal(paymentId.ToString(), audit.TargetId);
        Assert.Contains(capture ? "refunded" : "voided", audit.Reason, StringComparison.Ordinal);
        // The payment's own answer stands: it failed, and the customer has their money back.
        Assert.Equal(PaymentStatus.Failed, (await db.Payments.SingleAsync(p => p.Id == paymentId)).Status);
    }

    [Fact]
    public async Task AbandonedAttemptWithNoCharge_IsWatchedThreeTimesThenLeftAlone()
    {
        await stripe.SetFaultsAsync(new FaultSettings(TimeoutBeforeCommit: 1));
        var (paymentId, orphan) = await AbandonAsync(capture: true);
        Assert.Empty(stripe.Simulator.ChargesFor(orphan));

        var results = new List<OrphanCheckResult>();
        foreach (var wait in OrphanedCharges.Watch)
        {
            clock.Advance(wait);
            results.Add(await Orphans.CheckAsync(coffee, orphan));
        }

        Assert.Equal(Enumerable.Repeat(OrphanCheckResult.NothingFound, OrphanedCharges.Watch.Count), results);
        var attempts = await AttemptsAsync(paymentId);
        Assert.Equal((null, 3), (attempts.Single(a => a.Id == orphan).OrphanCheckAt, attempts.Single(a => a.Id == orphan).OrphanChecks));
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await Orphans.SweepDueAsync(10));
    }

    [Fact]
    public async Task TwoSweepsAtOnce_ReverseTheChargeOnce()
    {
        var (paymentId, orphan) = await AbandonAChargedAttemptAsync(capture: true);
        clock.Advance(OrphanedCharges.Watch[0]);

        var results = await Task.WhenAll(Orphans.CheckAsync(coffee, orphan), Orphans.CheckAsync(coffee, orphan));

        Assert.Equal([OrphanCheckResult.NotDue, OrphanCheckResult.Reversed], results.Order());
        Assert.Single(await AttemptsAsync(paymentId), a => a.Operation == AttemptOperation.Refund);
    }

    private OrphanedCharges Orphans => host.Service<OrphanedCharges>();

    // Stripe commits but the reply is lost; its search cannot see the charge yet when "not found" is believed, so the
    // payment moves on (Braintree cannot use a Stripe card, so it fails) and the Stripe attempt is abandoned.
    private async Task<(Guid PaymentId, Guid Orphan)> AbandonAChargedAttemptAsync(bool capture)
    {
        await stripe.SetFaultsAsync(new FaultSettings(TimeoutAfterCommit: 1));
        return await AbandonAsync(capture);
    }

    private async Task<(Guid PaymentId, Guid Orphan)> AbandonAsync(bool capture)
    {
        var paid = await host.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, Guid.NewGuid().ToString(), new Money(1500, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), capture,
            "Beans", null, null, AuditActor.System("test"), null));
        Assert.Equal(PaymentStatus.RequiresReconciliation, paid.Status);
        await stripe.SetFaultsAsync(FaultSettings.None);
        clock.Advance(PaymentReconciliation.NotFoundIsFinalAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(ReconciliationResult.FailedOver, await host.Service<PaymentReconciliation>().ReconcileAsync(coffee, paid.PaymentId!.Value));

        var orphan = (await AttemptsAsync(paid.PaymentId.Value))[0];
        Assert.Equal((AttemptState.Abandoned, clock.GetUtcNow() + OrphanedCharges.Watch[0]), (orphan.State, orphan.OrphanCheckAt!.Value));
        return (paid.PaymentId.Value, orphan.Id);
    }

    private async Task<List<PaymentAttempt>> AttemptsAsync(Guid paymentId)
    {
        await using var db = host.Context(coffee);
        return await db.PaymentAttempts.Where(a => a.PaymentId == paymentId).OrderBy(a => a.Number).ToListAsync();
    }
}
