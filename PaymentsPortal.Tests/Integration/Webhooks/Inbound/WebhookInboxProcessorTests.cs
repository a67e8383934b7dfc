using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>
/// Stored events change payments exactly once, whatever order and however often they arrive: the state machine ignores stale
/// moves, the inbox stores an event once, and an event's effect commits with its row.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class WebhookInboxProcessorTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private WebhookTestBed bed = default!;

    public async Task InitializeAsync() => bed = await WebhookTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Process_SucceededForALostReply_PaymentSucceedsWithOneAuditedMove()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();

        var stored = await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_lost", attemptId, paymentId, TenDollars, "succeeded"));
        var handled = await bed.ProcessAsync();

        Assert.Equal((IntakeOutcome.Stored, 1), (stored.Outcome, handled));
        var payment = await bed.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Succeeded, 1000L, "pi_lost", (DateTimeOffset?)null), (payment.Status, payment.CapturedMinor, payment.GatewayReference, payment.NextReconciliationAt));
        var row = Assert.Single(await bed.InboxAsync());
        Assert.Equal((WebhookInboxStatus.Processed, paymentId), (row.Status, row.PaymentId));
        var moved = Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
        Assert.Equal((AuditActorType.Webhook, "webhook:stripe", stored.EventId), (moved.ActorType, moved.ActorName, moved.ActorId));
        Assert.Single(await bed.AuditAsync(AuditAction.WebhookEventApplied, paymentId));
    }

    [Fact]
    public async Task Process_SameEventDeliveredTwice_StoredOnceAndAppliedOnce()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        var body = TestEvents.Stripe("payment_intent.succeeded", TestEvents.Intent("pi_replay", attemptId, paymentId, TenDollars, "succeeded"), bed.Clock.GetUtcNow());

        var first = await bed.DeliverStripeAsync(body);
        await bed.ProcessAsync();
        var replayed = await bed.DeliverStripeAsync(body);
        var handledAfterReplay = await bed.ProcessAsync();

        Assert.Equal((IntakeOutcome.Stored, IntakeOutcome.Duplicate, 0), (first.Outcome, replayed.Outcome, handledAfterReplay));
        Assert.Single(await bed.InboxAsync());
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
    }

    [Fact]
    public async Task Process_ProcessingArrivesAfterSucceeded_PaymentStaysSucceeded()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        var succeeded = await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_order", attemptId, paymentId, TenDollars, "succeeded"));
        var processing = await bed.DeliverStripeAsync("payment_intent.processing", TestEvents.Intent("pi_order", attemptId, paymentId, TenDollars, "processing"));

        await bed.ProcessAsync();

        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
        Assert.Equal(WebhookInboxStatus.Processed, (await bed.InboxEntryAsync(succeeded.EventId!)).Status);
        var stale = await bed.InboxEntryAsync(processing.EventId!);
        Assert.Equal(WebhookInboxStatus.Ignored, stale.Status);
        Assert.Contains("stale", stale.Reason, StringComparison.Ordinal);
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
        Assert.Single(await bed.AuditAsync(AuditAction.WebhookEventApplied, paymentId));
    }

    [Fact]
    public async Task Process_FailedArrivesAfterSucceeded_PaymentIsNeverMovedBackwards()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_back", attemptId, paymentId, TenDollars, "succeeded"));
        await bed.DeliverStripeAsync("payment_intent.payment_failed", TestEvents.Intent("pi_back", attemptId, paymentId, TenDollars, "requires_payment_method"));

        await bed.ProcessAsync();

        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
        Assert.Empty(await bed.AuditAsync(AuditAction.PaymentFailed, paymentId));
    }

    [Fact]
    public async Task Process_RefundEventsBeforeThePaymentEvent_RefundAndPaymentSettleOnce()
    {
        var (paymentId, _, intentId) = await bed.CapturedAsync();
        bed.Stripe.RefundAnswer = _ => GatewayResult.Unknown("transport.timeout", "Stripe did not answer in time");
        var refunded = await bed.Host.Service<Core.Payments.Refunds.RefundRequests>().RequestAsync(
            await bed.Host.ResolveAsync("support@demo.local", bed.MerchantId),
            new Core.Payments.Refunds.NewRefund(paymentId, TenDollars, "Customer returned the goods", Guid.NewGuid().ToString()));
        var refundId = refunded.Value!.RefundId;
        Assert.Equal(Core.Payments.Refunds.RefundStatus.RequiresReconciliation, refunded.Value.Status);

        // Stripe sends these in no particular order; here the refund's come first and the payment's own event last.
        var stripeRefund = TestEvents.Refund("re_1", refundId, intentId, TenDollars, "succeeded");
        await bed.DeliverStripeAsync("refund.created", stripeRefund);
        await bed.DeliverStripeAsync("charge.refunded", TestEvents.Charge(intentId, 1000, TestEvents.Refund("re_1", refundId, intentId, TenDollars, "succeeded")));
        var late = await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent(intentId, bed.Stripe.Calls.Last(), paymentId, TenDollars, "succeeded"));
        await bed.ProcessAsync();

        var payment = await bed.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Refunded, 1000L), (payment.Status, payment.RefundedMinor));
        Assert.Single(await bed.AuditAsync(AuditAction.RefundSucceeded, refundId));
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentRefunded, paymentId));
        Assert.Equal(WebhookInboxStatus.Processed, (await bed.InboxEntryAsync(late.EventId!)).Status);
        Assert.All(await bed.InboxAsync(), row => Assert.NotEqual(WebhookInboxStatus.Pending, row.Status));
    }

    [Fact]
    public async Task Process_UnknownEventType_StoredAndIgnored()
    {
        var stored = await bed.DeliverStripeAsync("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_1", ["object"] = "customer" });

        await bed.ProcessAsync();

        var row = await bed.InboxEntryAsync(stored.EventId!);
        Assert.Equal((WebhookInboxStatus.Ignored, "customer.created"), (row.Status, row.EventType));
        Assert.Contains("does not act on", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_EventForAPaymentTheMerchantDoesNotHave_Ignored()
    {
        var stored = await bed.DeliverStripeAsync("payment_intent.succeeded",
            TestEvents.Intent("pi_elsewhere", Guid.NewGuid(), Guid.NewGuid(), TenDollars, "succeeded"));

        await bed.ProcessAsync();

        var row = await bed.InboxEntryAsync(stored.EventId!);
        Assert.Equal((WebhookInboxStatus.Ignored, (Guid?)null), (row.Status, row.PaymentId));
        Assert.Contains("no payment of this merchant", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_GatewayHoldsAnotherAmount_PaymentGoesToReview()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();

        await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_other", attemptId, paymentId, new Money(1500, Currency.Usd), "succeeded"));
        await bed.ProcessAsync();

        var payment = await bed.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.RequiresReview, 0L), (payment.Status, payment.CapturedMinor));
        Assert.Contains("15.00 USD", payment.ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_AuthenticationCompletedInTheBrowser_RequiresActionBecomesSucceeded()
    {
        var (paymentId, attemptId, intentId) = await bed.AwaitingAuthenticationAsync();

        await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent(intentId, attemptId, paymentId, TenDollars, "succeeded"));
        await bed.ProcessAsync();

        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task Process_MoneyTakenForAFailedPayment_LeftAsItIsAndAuditedAsConflicting()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        await bed.DeliverStripeAsync("payment_intent.payment_failed", TestEvents.Intent("pi_x", attemptId, paymentId, TenDollars, "requires_payment_method"));
        await bed.ProcessAsync();
        Assert.Equal(PaymentStatus.Failed, (await bed.PaymentAsync(paymentId)).Status);

        var captured = await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_x", attemptId, paymentId, TenDollars, "succeeded"));
        await bed.ProcessAsync();

        Assert.Equal(PaymentStatus.Failed, (await bed.PaymentAsync(paymentId)).Status);
        Assert.Equal(WebhookInboxStatus.Ignored, (await bed.InboxEntryAsync(captured.EventId!)).Status);
        var conflict = Assert.Single(await bed.AuditAsync(AuditAction.WebhookEventConflicting, paymentId));
        Assert.Equal(AuditOutcome.Failure, conflict.Outcome);
    }

    [Fact]
    public async Task Process_PaymentStillWithTheRouter_DeferredUntilTheRouterRecordedIt()
    {
        var release = new TaskCompletionSource<GatewayResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Stripe.Answer = _ => release.Task;
        var paying = bed.Host.Service<Core.Gateways.Routing.PaymentRouter>().PayAsync(new Core.Gateways.Routing.PayCommand(
            bed.MerchantId, Guid.NewGuid().ToString(), TenDollars, new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, null, null, null,
            AuditActor.System("test"), null));
        var attemptId = await WaitForCallAsync();
        var paymentId = await PaymentOfAttemptAsync(attemptId);
        var early = await bed.DeliverStripeAsync("payment_intent.succeeded", TestEvents.Intent("pi_early", attemptId, paymentId, TenDollars, "succeeded"));

        await bed.ProcessAsync();
        var deferred = await bed.InboxEntryAsync(early.EventId!);
        release.SetResult(GatewayResult.Succeeded("pi_early", "succeeded"));
        await paying;
        bed.Clock.Advance(TimeSpan.FromSeconds(2));
        await bed.ProcessAsync();

        Assert.Equal((WebhookInboxStatus.Pending, 1), (deferred.Status, deferred.Attempts));
        Assert.Equal(WebhookInboxStatus.Processed, (await bed.InboxEntryAsync(early.EventId!)).Status);
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
    }

    [Fact]
    public async Task Process_BraintreeSettledForALostReply_PaymentSucceeds()
    {
        var (paymentId, attemptId) = await bed.BraintreeLostReplyAsync();

        var stored = await bed.DeliverBraintreeAsync(TestEvents.Braintree("transaction_settled", "bt123", "sale", TenDollars, attemptId.ToString(), bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        Assert.Equal(IntakeOutcome.Stored, stored.Outcome);
        var payment = await bed.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Succeeded, GatewayKind.Braintree), (payment.Status, payment.Gateway!.Value));
    }

    [Fact]
    public async Task Process_BraintreeSettlementDeclinedAfterCapture_PaymentUnchangedAndConflictAudited()
    {
        bed.Braintree.Answer = request => Task.FromResult(GatewayResult.Succeeded("dHJhbnNhY3Rpb25fYnQ0NTY=", "SETTLED"));
        var paid = await bed.Host.Service<Core.Gateways.Routing.PaymentRouter>().PayAsync(new Core.Gateways.Routing.PayCommand(
            bed.MerchantId, Guid.NewGuid().ToString(), TenDollars, new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), true, null, null, null,
            AuditActor.System("test"), null));

        await bed.DeliverBraintreeAsync(TestEvents.Braintree("transaction_settlement_declined", "bt456", "sale", TenDollars, bed.Braintree.Calls.Last().ToString(), bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paid.PaymentId!.Value)).Status);
        Assert.Single(await bed.AuditAsync(AuditAction.WebhookEventConflicting, paid.PaymentId.Value));
    }

    private async Task<Guid> WaitForCallAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (bed.Stripe.Calls.Count == 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        return bed.Stripe.Calls.Last();
    }

    private async Task<Guid> PaymentOfAttemptAsync(Guid attemptId)
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.PaymentAttempts).Single(a => a.Id == attemptId).PaymentId;
    }
}
