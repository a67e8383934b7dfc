using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound.Intake;

/// <summary>The intake on its own: what is stored, what is refused, and that an event is stored once however it arrives.</summary>
[Trait("Tier", "Integration")]
public sealed class WebhookIntakeTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private WebhookTestBed bed = default!;

    public async Task InitializeAsync() => bed = await WebhookTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task ReceiveStripe_SameEventManyTimesAtOnce_StoredOnceAndEveryDeliveryAcknowledged()
    {
        var body = TestEvents.Stripe("payment_intent.succeeded", TestEvents.Intent("pi_burst", Guid.NewGuid(), Guid.NewGuid(), TenDollars, "succeeded"), bed.Clock.GetUtcNow());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => bed.DeliverStripeAsync(body)));

        Assert.All(results, r => Assert.True(r.Acknowledged));
        Assert.Single(results, r => r.Outcome == IntakeOutcome.Stored);
        Assert.Single(await bed.InboxAsync());
    }

    [Fact]
    public async Task ReceiveStripe_ManyEventsAtOnce_EachStoredOnce()
    {
        var bodies = Enumerable.Range(0, 200)
            .Select(i => TestEvents.Stripe("payment_intent.succeeded", TestEvents.Intent($"pi_{i}", Guid.NewGuid(), Guid.NewGuid(), TenDollars, "succeeded"), bed.Clock.GetUtcNow()))
            .ToList();

        var results = await Task.WhenAll(bodies.Select(bed.DeliverStripeAsync));

        Assert.All(results, r => Assert.Equal(IntakeOutcome.Stored, r.Outcome));
        Assert.Equal(200, (await bed.InboxAsync()).Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task ReceiveStripe_LiveEventForAMerchantWithTestKeys_RefusedAndNothingStored()
    {
        var body = TestEvents.Stripe("payment_intent.succeeded", TestEvents.Intent("pi_live", Guid.NewGuid(), Guid.NewGuid(), TenDollars, "succeeded"),
            bed.Clock.GetUtcNow(), livemode: true);

        var result = await bed.DeliverStripeAsync(body);

        Assert.Equal(IntakeOutcome.ModeMismatch, result.Outcome);
        Assert.Empty(await bed.InboxAsync());
    }

    [Fact]
    public async Task ReceiveStripe_SignedWithAnotherSecret_RefusedAndNothingStored()
    {
        var body = TestEvents.Stripe("payment_intent.succeeded", TestEvents.Intent("pi_x", Guid.NewGuid(), Guid.NewGuid(), TenDollars, "succeeded"), bed.Clock.GetUtcNow());

        var result = await bed.Host.Service<WebhookIntake>().ReceiveStripeAsync(
            bed.MerchantId, body, SandboxWebhookSigning.StripeSignature(body, "whsec_not_the_merchants", bed.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal(IntakeOutcome.BadSignature, result.Outcome);
        Assert.Empty(await bed.InboxAsync());
    }

    [Fact]
    public async Task ReceiveBraintree_SameNotificationTwice_StoredOnce()
    {
        var payload = TestEvents.Braintree("transaction_settled", "dup1", "sale", TenDollars, Guid.NewGuid().ToString(), bed.Clock.GetUtcNow());

        var first = await bed.DeliverBraintreeAsync(payload);
        var again = await bed.DeliverBraintreeAsync(payload);

        Assert.Equal((IntakeOutcome.Stored, IntakeOutcome.Duplicate), (first.Outcome, again.Outcome));
        Assert.Single(await bed.InboxAsync());
    }
}
