using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Tests.Integration.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Reconciliation;

/// <summary>A payment with an unknown outcome is settled by what the gateway holds, never by a guess.</summary>
[Trait("Tier", "Integration")]
public sealed class PaymentReconciliationTests : IAsyncLifetime
{
    private readonly ScriptedGateway stripe = new(GatewayKind.Stripe) { Accepts = true };
    private readonly ScriptedGateway braintree = new(GatewayKind.Braintree) { Accepts = true };
    // Whole seconds: PostgreSQL keeps microseconds, so times read back compare equal.
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock, configure: services =>
        {
            services.AddSingleton<IGatewayAdapterFactory>(stripe);
            services.AddSingleton<IGatewayAdapterFactory>(braintree);
        });
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe, GatewayKind.Braintree);
        stripe.Answer = _ => Task.FromResult(GatewayResult.Unknown("timeout", "no answer"));
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    [Fact]
    public async Task Reconcile_GatewayHoldsTheCharge_PaymentSucceedsAndNothingElseIsCharged()
    {
        var id = await PayAsync();
        stripe.Lookup = attempt => GatewayLookup.Of(GatewayChargeState.Captured, "pi_found", new Money(1000, Currency.Usd));

        var result = await Reconciliation.ReconcileAsync(coffee, id);

        Assert.Equal(ReconciliationResult.Settled, result);
        var payment = await PaymentAsync(id);
        Assert.Equal((PaymentStatus.Succeeded, 1000L, "pi_found"), (payment.Status, payment.CapturedMinor, payment.GatewayReference));
        Assert.Empty(braintree.Calls);
        var attempts = await AttemptsAsync(id);
        Assert.Equal([(AttemptOperation.Authorize, GatewayOutcome.Succeeded), (AttemptOperation.Lookup, GatewayOutcome.Succeeded)],
            attempts.Select(a => (a.Operation, a.Outcome!.Value)));
    }

    [Fact]
    public async Task Reconcile_NotFoundTooSoon_LooksAgainLaterInsteadOfFailingOver()
    {
        var id = await PayAsync();

        var result = await Reconciliation.ReconcileAsync(coffee, id);

        Assert.Equal(ReconciliationResult.Rescheduled, result);
        var payment = await PaymentAsync(id);
        Assert.Equal(PaymentStatus.RequiresReconciliation, payment.Status);
        Assert.Equal(clock.GetUtcNow() + PaymentReconciliation.Backoff[0], payment.NextReconciliationAt);
        Assert.Empty(braintree.Calls);
    }

    [Fact]
    public async Task Reconcile_NotFoundOnceTheAttemptCannotBeInFlight_FailsOverToTheNextGateway()
    {
        var id = await PayAsync();
        clock.Advance(PaymentReconciliation.NotFoundIsFinalAfter + TimeSpan.FromSeconds(1));

        var result = await Reconciliation.ReconcileAsync(coffee, id);

        Assert.Equal(ReconciliationResult.FailedOver, result);
        var payment = await PaymentAsync(id);
        Assert.Equal((PaymentStatus.Succeeded, GatewayKind.Braintree), (payment.Status, payment.Gateway!.Value));
        Assert.Single(braintree.Calls);
        // Stripe's "not found" is believed, but its attempt stays watched for a charge that shows up late.
        var abandoned = (await AttemptsAsync(id))[0];
        Assert.Equal((AttemptState.Abandoned, clock.GetUtcNow() + OrphanedCharges.Watch[0]), (abandoned.State, abandoned.OrphanCheckAt!.Value));
    }

    [Fact]
    public async Task RouterStopsMidCall_ReconciliationTakesThePaymentOverOnceItIsStalled()
    {
        stripe.Answer = _ => throw new InvalidOperationException("the process died here");
        var key = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<InvalidOperationException>(() => PayAsync(key));
        Guid id;
        await using (var db = host.Context(coffee))
        {
            id = (await db.Payments.SingleAsync()).Id;
        }

        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Captured, "pi_late", new Money(1000, Currency.Usd));

        // A duplicate request meanwhile hears that the payment is still in progress, with its id.
        Assert.Equal((PayResultKind.InProgress, id, PaymentStatus.Processing), Summary(await PayAsync(key)));
        Assert.Equal(0, await Reconciliation.ReconcileDueAsync(100));
        clock.Advance(PaymentRouter.StalledAfter);
        Assert.Equal(1, await Reconciliation.ReconcileDueAsync(100));

        var payment = await PaymentAsync(id);
        Assert.Equal((PaymentStatus.Succeeded, "pi_late"), (payment.Status, payment.GatewayReference));
        Assert.Equal([AttemptOperation.Authorize, AttemptOperation.Lookup], (await AttemptsAsync(id)).Select(a => a.Operation));
        // The key never got a result of its own; a replay now reports where the payment stands.
        Assert.Equal((PayResultKind.Replayed, id, PaymentStatus.Succeeded), Summary(await PayAsync(key)));
        Assert.Empty(braintree.Calls);
    }

    [Fact]
    public async Task Reconcile_GatewayNeverAnswers_BacksOffThenAsksAPerson()
    {
        var id = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Unreachable(GatewayOutcome.Unknown, "timeout");
        var results = new List<ReconciliationResult>();

        for (var i = 0; i < PaymentReconciliation.MaxLookups; i++)
        {
            results.Add(await Reconciliation.ReconcileAsync(coffee, id));
            clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(Enumerable.Repeat(ReconciliationResult.Rescheduled, PaymentReconciliation.MaxLookups - 1).Append(ReconciliationResult.SentToReview), results);
        var payment = await PaymentAsync(id);
        Assert.Equal(PaymentStatus.RequiresReview, payment.Status);
        Assert.Contains("still unclear after 10 lookups", payment.ReviewReason, StringComparison.Ordinal);
        Assert.Empty(braintree.Calls);
    }

    [Fact]
    public async Task Reconcile_GatewayHoldsADifferentAmount_GoesToReview()
    {
        var id = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Captured, "pi_odd", new Money(999, Currency.Usd));

        Assert.Equal(ReconciliationResult.SentToReview, await Reconciliation.ReconcileAsync(coffee, id));

        Assert.Contains("holds 9.99 USD", (await PaymentAsync(id)).ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileDue_TakesOnlyPaymentsWhoseTimeHasCome()
    {
        var id = await PayAsync();
        stripe.Lookup = _ => GatewayLookup.Of(GatewayChargeState.Captured, "pi_due", new Money(1000, Currency.Usd));

        Assert.Equal(0, await Reconciliation.ReconcileDueAsync(100));
        clock.Advance(PaymentRouter.FirstReconciliationDelay);
        Assert.Equal(1, await Reconciliation.ReconcileDueAsync(100));

        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(id)).Status);
    }

    private PaymentReconciliation Reconciliation => host.Service<PaymentReconciliation>();

    private async Task<Guid> PayAsync()
    {
        var result = await PayAsync(Guid.NewGuid().ToString());
        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);
        return result.PaymentId!.Value;
    }

    private Task<PayResult> PayAsync(string key) =>
        host.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, key, new Money(1000, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true,
            null, null, null, AuditActor.System("test"), null));

    private static (PayResultKind, Guid, PaymentStatus) Summary(PayResult result) => (result.Kind, result.PaymentId!.Value, result.Status!.Value);

    private async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = host.Context(coffee);
        return await db.Payments.SingleAsync(p => p.Id == id);
    }

    private async Task<List<PaymentAttempt>> AttemptsAsync(Guid id)
    {
        await using var db = host.Context(coffee);
        return await db.PaymentAttempts.Where(a => a.PaymentId == id).OrderBy(a => a.Number).ToListAsync();
    }
}
