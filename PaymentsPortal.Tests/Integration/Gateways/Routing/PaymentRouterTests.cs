using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Gateways.Routing;

/// <summary>The router's decisions: when it fails over, when it stops, and that a key is charged once.</summary>
[Trait("Tier", "Integration")]
public sealed class PaymentRouterTests : IAsyncLifetime
{
    private readonly ScriptedGateway stripe = new(GatewayKind.Stripe);
    private readonly ScriptedGateway braintree = new(GatewayKind.Braintree);
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(configure: services =>
        {
            services.AddSingleton<IGatewayAdapterFactory>(stripe);
            services.AddSingleton<IGatewayAdapterFactory>(braintree);
        });
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await GatewayChains.ConfigureAsync(host, coffee, GatewayKind.Stripe, GatewayKind.Braintree);
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    [Fact]
    public async Task Pay_PrimarySucceeds_CapturedThereAndNothingElseCalled()
    {
        var result = await PayAsync("key-1");

        Assert.Equal((PayResultKind.Completed, PaymentStatus.Succeeded), (result.Kind, result.Status));
        Assert.Single(stripe.Calls);
        Assert.Empty(braintree.Calls);
        var attempts = await AttemptsAsync(result.PaymentId!.Value);
        Assert.Equal([(GatewayKind.Stripe, AttemptState.Completed, GatewayOutcome.Succeeded)], attempts.Select(a => (a.Gateway, a.State, a.Outcome!.Value)));
        // The attempt id is what the gateway got as its idempotency key.
        Assert.Equal(stripe.Calls.Single(), attempts.Single().Id);
    }

    [Fact]
    public async Task Pay_PrimaryNotSent_FailsOverToTheNextGateway()
    {
        stripe.Answer = _ => Task.FromResult(GatewayResult.NotSent("connection_refused", "refused"));
        braintree.Answer = request => Task.FromResult(GatewayResult.Succeeded("bt_1"));

        var result = await PayAsync("key-1", token: new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), bothIssuers: true);

        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        var attempts = await AttemptsAsync(result.PaymentId!.Value);
        Assert.Equal([GatewayOutcome.NotSent, GatewayOutcome.Succeeded], attempts.Select(a => a.Outcome!.Value));
        var events = await EventsAsync(result.PaymentId.Value);
        Assert.Contains(events, e => e.Reason is { } r && r.StartsWith("failing over: Stripe NotSent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pay_PrimaryUnknown_ParksForReconciliationAndNeverTriesTheNext()
    {
        stripe.Answer = _ => Task.FromResult(GatewayResult.Unknown("timeout", "no answer within 10 s"));

        var result = await PayAsync("key-1");

        Assert.Equal(PaymentStatus.RequiresReconciliation, result.Status);
        Assert.Empty(braintree.Calls);
        await using var db = host.Context(coffee);
        var payment = await db.Payments.SingleAsync(p => p.Id == result.PaymentId);
        Assert.NotNull(payment.NextReconciliationAt);
        Assert.Equal(GatewayKind.Stripe, payment.Gateway);
    }

    [Fact]
    public async Task Pay_HardDecline_FailsWithoutTryingElsewhere()
    {
        stripe.Answer = _ => Task.FromResult(GatewayResult.Declined("insufficient_funds", "Your card has insufficient funds.", retryableElsewhere: false));

        var result = await PayAsync("key-1");

        Assert.Equal((PaymentStatus.Failed, "insufficient_funds"), (result.Status, result.DeclineCode));
        Assert.Empty(braintree.Calls);
    }

    [Fact]
    public async Task Pay_TokenFromAnotherGateway_RecordsASkippedAttempt()
    {
        var result = await PayAsync("key-1", token: new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"));

        Assert.Equal(PaymentStatus.Succeeded, result.Status);
        Assert.Empty(stripe.Calls);
        var attempts = await AttemptsAsync(result.PaymentId!.Value);
        Assert.Equal((AttemptState.Skipped, "token_not_usable"), (attempts[0].State, attempts[0].Code));
        Assert.Equal((GatewayKind.Braintree, GatewayOutcome.Succeeded), (attempts[1].Gateway, attempts[1].Outcome!.Value));
    }

    [Fact]
    public async Task Pay_FiftyConcurrentRequestsWithOneKey_ChargeOnce()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stripe.Answer = async request =>
        {
            await release.Task;
            return GatewayResult.Succeeded("ch_once");
        };

        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(() => PayAsync("same-key"))).ToList();
        // The key's owner waits at the gateway until released, so the other 49 must all finish first, on their own.
        var pending = requests.ToList();
        for (var finished = 0; finished < 49; finished++)
        {
            pending.Remove(await Task.WhenAny(pending));
        }

        release.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Single(stripe.Calls);
        Assert.Single(results.Select(r => r.PaymentId).Distinct());
        Assert.Equal(1, results.Count(r => r.Kind == PayResultKind.Completed));
        Assert.Equal(49, results.Count(r => r.Kind == PayResultKind.InProgress));
        var replay = await PayAsync("same-key");
        Assert.Equal((PayResultKind.Replayed, PaymentStatus.Succeeded), (replay.Kind, replay.Status));
        await using var db = host.Context(coffee);
        Assert.Equal(1, await db.Payments.CountAsync());
    }

    [Fact]
    public async Task Pay_SameKeyDifferentAmount_IsRejectedAndChargesNothing()
    {
        await PayAsync("key-1", amountMinor: 1000);

        var mismatch = await PayAsync("key-1", amountMinor: 2000);

        Assert.Equal(PayResultKind.Rejected, mismatch.Kind);
        Assert.Contains("different payment request", mismatch.Message, StringComparison.Ordinal);
        Assert.Single(stripe.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public async Task Pay_BadKey_IsRejected(string key)
    {
        var result = await PayAsync(key);

        Assert.Equal(PayResultKind.Rejected, result.Kind);
        Assert.Empty(stripe.Calls);
    }

    [Fact]
    public async Task Pay_PrimaryKeepsFailing_BreakerOpensAndLaterPaymentsSkipIt()
    {
        stripe.Answer = _ => Task.FromResult(GatewayResult.NotSent("connection_refused", "refused"));

        for (var i = 0; i < 10; i++)
        {
            await PayAsync($"key-{i}", token: new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), bothIssuers: true);
        }

        Assert.Equal(GatewayCircuitBreakers.MinimumThroughput, stripe.Calls.Count);
        await using var db = host.Context(coffee);
        Assert.Equal(10 - GatewayCircuitBreakers.MinimumThroughput, await db.PaymentAttempts.CountAsync(a => a.Code == GatewayCircuitBreakers.CircuitOpenCode));
        Assert.Equal(10, await db.Payments.CountAsync(p => p.Status == PaymentStatus.Succeeded && p.Gateway == GatewayKind.Braintree));
    }

    [Fact]
    public async Task CheckoutChooser_PrimaryBreakerOpens_OffersTheNextGatewaysFields()
    {
        var chooser = host.Service<CheckoutGatewayChooser>();
        var healthy = await chooser.ChooseAsync(coffee);
        Assert.Equal((GatewayKind.Stripe, 0), (healthy.Gateway!.Value, healthy.PassedOver.Count));
        stripe.Answer = _ => Task.FromResult(GatewayResult.NotSent("connection_refused", "refused"));

        for (var i = 0; i < GatewayCircuitBreakers.MinimumThroughput; i++)
        {
            await PayAsync($"key-{i}");
        }

        var choice = await chooser.ChooseAsync(coffee);
        Assert.Equal(GatewayKind.Braintree, choice.Gateway);
        Assert.Equal([GatewayKind.Stripe], choice.PassedOver);
        // A card tokenized by the chosen gateway is paid there without touching the failing one.
        var paid = await PayAsync("after-open", token: new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), bothIssuers: true);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(GatewayCircuitBreakers.MinimumThroughput, stripe.Calls.Count);
    }

    [Fact]
    public async Task Pay_EveryStep_IsAudited()
    {
        var result = await PayAsync("key-1");

        await using var db = host.Context(coffee);
        var actions = await db.AuditEntries.Where(e => e.TargetId == result.PaymentId!.Value.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.PaymentCreated, AuditAction.PaymentProcessing, AuditAction.PaymentSucceeded], actions);
    }

    private Task<PayResult> PayAsync(string key, long amountMinor = 1000, PaymentToken? token = null, bool bothIssuers = false)
    {
        if (bothIssuers)
        {
            // Only for failover tests: pretend the card's token is usable on either gateway.
            stripe.Accepts = braintree.Accepts = true;
        }

        return host.Service<PaymentRouter>().PayAsync(new PayCommand(
            coffee, key, new Money(amountMinor, Currency.Usd), token ?? new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true,
            "Flat white", "ada@example.com", null, AuditActor.System("test"), TestActors.Origin));
    }

    private async Task<List<PaymentAttempt>> AttemptsAsync(Guid paymentId)
    {
        await using var db = host.Context(coffee);
        return await db.PaymentAttempts.Where(a => a.PaymentId == paymentId).OrderBy(a => a.Number).ToListAsync();
    }

    private async Task<List<PaymentEvent>> EventsAsync(Guid paymentId)
    {
        await using var db = host.Context(coffee);
        return await db.PaymentEvents.Where(e => e.PaymentId == paymentId).OrderBy(e => e.Sequence).ToListAsync();
    }
}
