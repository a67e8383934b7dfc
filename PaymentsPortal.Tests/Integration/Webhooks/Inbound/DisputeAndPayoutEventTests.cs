using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>
/// Stripe's dispute and payout events become the portal's disputes and payouts, each change audited with the merchant's outbound
/// event in its transaction; redelivered and out-of-order events change nothing twice and never move a record back.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class DisputeAndPayoutEventTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private WebhookTestBed bed = default!;

    public async Task InitializeAsync() => bed = await WebhookTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task DisputeCreated_OnACapturedPayment_RecordedAgainstThePaymentAuditedAndAnnounced()
    {
        var (paymentId, _, intent) = await bed.CapturedAsync();
        var opened = bed.Clock.GetUtcNow();

        await bed.DeliverStripeAsync("charge.dispute.created", TestEvents.Dispute("dp_1", intent, TenDollars, "needs_response", opened));
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal(
            (paymentId, DisputeStatus.NeedsResponse, "needs_response", 1000L, "USD", "fraudulent", (DateTimeOffset?)opened.AddDays(7).TruncateToSeconds()),
            (dispute.PaymentId, dispute.Status, dispute.GatewayStatus, dispute.AmountMinor, dispute.CurrencyCode, dispute.Reason, dispute.EvidenceDueBy));
        var audited = Assert.Single(await bed.AuditAsync(AuditAction.DisputeOpened, paymentId));
        Assert.Equal(AuditActorType.Webhook, audited.ActorType);
        Assert.Equal([WebhookEventTypes.DisputeOpened], await OutboundTypesAsync("dispute", dispute.Id));
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task DisputeLifecycle_UpdatedThenLost_EachStepRecordedOnce()
    {
        var (paymentId, _, intent) = await bed.CapturedAsync();
        var opened = bed.Clock.GetUtcNow();
        await bed.DeliverStripeAsync("charge.dispute.created", TestEvents.Dispute("dp_2", intent, TenDollars, "needs_response", opened));
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromHours(1));
        await bed.DeliverStripeAsync("charge.dispute.updated", TestEvents.Dispute("dp_2", intent, TenDollars, "under_review", opened));
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromDays(20));
        var closed = TestEvents.Stripe("charge.dispute.closed", TestEvents.Dispute("dp_2", intent, TenDollars, "lost", opened), bed.Clock.GetUtcNow());
        await bed.DeliverStripeAsync(closed);
        await bed.ProcessAsync();
        await bed.DeliverStripeAsync(closed);
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal((DisputeStatus.Lost, (DateTimeOffset?)bed.Clock.GetUtcNow().TruncateToSeconds()), (dispute.Status, dispute.DecidedAt));
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeUpdated, paymentId));
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeClosed, paymentId));
        Assert.Equal(
            [WebhookEventTypes.DisputeOpened, WebhookEventTypes.DisputeUpdated, WebhookEventTypes.DisputeClosed],
            await OutboundTypesAsync("dispute", dispute.Id));
    }

    [Fact]
    public async Task DisputeEvents_OutOfOrder_TheLaterReportWinsAndADecidedDisputeNeverReopens()
    {
        var (paymentId, _, intent) = await bed.CapturedAsync();
        var opened = bed.Clock.GetUtcNow();
        var created = TestEvents.Stripe("charge.dispute.created", TestEvents.Dispute("dp_3", intent, TenDollars, "needs_response", opened), opened);
        var won = TestEvents.Stripe("charge.dispute.closed", TestEvents.Dispute("dp_3", intent, TenDollars, "won", opened), opened.AddDays(30));

        await bed.DeliverStripeAsync(won);
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        await bed.DeliverStripeAsync(created);
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal(DisputeStatus.Won, dispute.Status);
        var rows = await bed.InboxAsync();
        Assert.Equal([WebhookInboxStatus.Processed, WebhookInboxStatus.Ignored], rows.Select(r => r.Status));
        Assert.Contains("stale", rows[1].Reason, StringComparison.Ordinal);
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeClosed, paymentId));
        Assert.Empty(await bed.AuditAsync(AuditAction.DisputeOpened, paymentId));
    }

    [Fact]
    public async Task DisputeOnAChargeThePortalDidNotMake_RecordedWithoutAPayment()
    {
        await bed.DeliverStripeAsync("charge.dispute.created", TestEvents.Dispute("dp_4", "pi_made_elsewhere", TenDollars, "warning_needs_response", bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal(((Guid?)null, DisputeStatus.NeedsResponse, "pi_made_elsewhere"), (dispute.PaymentId, dispute.Status, dispute.ChargeReference));
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeOpened, dispute.Id));
    }

    [Fact]
    public async Task Payout_PendingPaidThenReturnedByTheBank_EachStepAuditedAndTheFailureAnnounced()
    {
        var created = bed.Clock.GetUtcNow();
        await bed.DeliverStripeAsync("payout.created", TestEvents.Payout("po_1", TenDollars, "pending", created));
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromDays(2));
        await bed.DeliverStripeAsync("payout.paid", TestEvents.Payout("po_1", TenDollars, "paid", created));
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromDays(1));
        await bed.DeliverStripeAsync("payout.failed", TestEvents.Payout("po_1", TenDollars, "failed", created, failureCode: "account_closed"));
        await bed.ProcessAsync();

        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal(
            (PayoutStatus.Failed, "account_closed", 1000L, created.AddDays(2).TruncateToSeconds(), "DEMO COFFEE"),
            (payout.Status, payout.FailureCode, payout.AmountMinor, payout.ArrivalDate, payout.StatementDescriptor));
        Assert.Single(await bed.AuditAsync(AuditAction.PayoutCreated, payout.Id));
        Assert.Single(await bed.AuditAsync(AuditAction.PayoutPaid, payout.Id));
        var failed = Assert.Single(await bed.AuditAsync(AuditAction.PayoutFailed, payout.Id));
        Assert.Equal(AuditOutcome.Failure, failed.Outcome);
        Assert.Equal([WebhookEventTypes.PayoutPaid, WebhookEventTypes.PayoutFailed], await OutboundTypesAsync("payout", payout.Id));
    }

    [Fact]
    public async Task Payout_PaidArrivingAfterFailed_StaysFailed()
    {
        var created = bed.Clock.GetUtcNow();
        var paid = TestEvents.Stripe("payout.paid", TestEvents.Payout("po_2", TenDollars, "paid", created), created.AddDays(2));
        var failed = TestEvents.Stripe("payout.failed", TestEvents.Payout("po_2", TenDollars, "failed", created, "account_closed"), created.AddDays(3));

        await bed.DeliverStripeAsync(failed);
        await bed.ProcessAsync();
        await bed.DeliverStripeAsync(paid);
        await bed.ProcessAsync();

        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal(PayoutStatus.Failed, payout.Status);
        Assert.Equal([WebhookEventTypes.PayoutFailed], await OutboundTypesAsync("payout", payout.Id));
        Assert.Empty(await bed.AuditAsync(AuditAction.PayoutPaid, payout.Id));
    }

    [Fact]
    public async Task Payout_CreatedAndPaidInTheSameSecond_AppliedInEitherOrder_EndsPaid()
    {
        var at = bed.Clock.GetUtcNow();
        var created = TestEvents.Stripe("payout.created", TestEvents.Payout("po_same", TenDollars, "pending", at), at);
        var paid = TestEvents.Stripe("payout.paid", TestEvents.Payout("po_same", TenDollars, "paid", at), at);

        await bed.DeliverStripeAsync(paid);
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        await bed.DeliverStripeAsync(created);
        await bed.ProcessAsync();

        Assert.Equal(PayoutStatus.Paid, Assert.Single(await PayoutsAsync()).Status);
    }

    [Fact]
    public async Task Dispute_OpenedAndUnderReviewInTheSameSecond_AppliedInEitherOrder_EndsUnderReview()
    {
        var (_, _, intent) = await bed.CapturedAsync();
        var at = bed.Clock.GetUtcNow();
        var opened = TestEvents.Stripe("charge.dispute.created", TestEvents.Dispute("dp_same", intent, TenDollars, "needs_response", at), at);
        var review = TestEvents.Stripe("charge.dispute.updated", TestEvents.Dispute("dp_same", intent, TenDollars, "under_review", at), at);

        await bed.DeliverStripeAsync(review);
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        await bed.DeliverStripeAsync(opened);
        await bed.ProcessAsync();

        Assert.Equal(DisputeStatus.UnderReview, Assert.Single(await DisputesAsync()).Status);
    }

    [Fact]
    public async Task Payout_WithAStatusThePortalDoesNotKnow_IgnoredWithTheReason()
    {
        await bed.DeliverStripeAsync("payout.updated", TestEvents.Payout("po_3", TenDollars, "teleported", bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        Assert.Empty(await PayoutsAsync());
        var row = Assert.Single(await bed.InboxAsync());
        Assert.Equal(WebhookInboxStatus.Ignored, row.Status);
        Assert.Contains("teleported", row.Reason, StringComparison.Ordinal);
    }

    private async Task<List<Dispute>> DisputesAsync()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.Disputes.AsNoTracking().ToListAsync();
    }

    private async Task<List<Payout>> PayoutsAsync()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.Payouts.AsNoTracking().ToListAsync();
    }

    private async Task<List<string>> OutboundTypesAsync(string objectType, Guid id)
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        var objectId = id.ToString();
        return await db.OutboundEvents.AsNoTracking().Where(e => e.ObjectType == objectType && e.ObjectId == objectId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
    }
}

internal static class UnixTime
{
    /// <summary>Stripe's times are whole seconds.</summary>
    public static DateTimeOffset TruncateToSeconds(this DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
