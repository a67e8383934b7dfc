using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>
/// Braintree's disbursement notifications become payouts and its dispute notifications disputes, through the real intake (signed
/// as Braintree signs them) and processor; out-of-order and repeated notifications change nothing twice.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeDisputeAndDisbursementTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private WebhookTestBed bed = default!;

    public async Task InitializeAsync() => bed = await WebhookTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Disbursement_Successful_RecordedPaidArrivingOnTheDisbursementDay()
    {
        var day = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var at = bed.Clock.GetUtcNow();

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement("disbursement", "dsb_1", new Money(12345, Currency.Usd), day, at));
        await bed.ProcessAsync();

        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal(
            (GatewayKind.Braintree, "dsb_1", PayoutStatus.Paid, "disbursed", 12345L, "USD", day, (string?)null, at),
            (payout.Gateway, payout.GatewayReference, payout.Status, payout.GatewayStatus, payout.AmountMinor, payout.CurrencyCode, payout.ArrivalDate, payout.FailureCode, payout.ReportedAt));
        Assert.Single(await bed.AuditAsync(AuditAction.PayoutPaid, payout.Id));
        Assert.Equal([WebhookEventTypes.PayoutPaid], await OutboundTypesAsync("payout", payout.Id));
    }

    [Fact]
    public async Task Disbursement_ReadBackBySyncThenNotifiedUnderBraintreesId_IsOnePayoutWithTheWebhooksAmount()
    {
        var day = new DateOnly(2026, 11, 25);
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var readBack = BraintreeNotificationXml.Disbursement(midnight, "portal_usd", day, new Money(10000, Currency.Usd), ["abc123"]);
        var notified = BraintreeTestNotifications.Disbursement("disbursement", "dsb_7", new Money(9850, Currency.Usd), midnight, midnight.AddHours(9));

        await bed.DeliverBraintreeAsync(readBack);
        await bed.ProcessAsync();
        await bed.DeliverBraintreeAsync(notified);
        await bed.ProcessAsync();

        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal(("portal_usd:2026-11-25", 9850L, PayoutStatus.Paid, midnight.AddHours(9)), (payout.GatewayReference, payout.AmountMinor, payout.Status, payout.ReportedAt));
    }

    [Fact]
    public async Task Disbursement_SameDayInAnotherCurrency_IsAnotherPayout()
    {
        var day = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement("disbursement", "dsb_usd", new Money(1000, Currency.Usd), day, bed.Clock.GetUtcNow()));
        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement("disbursement", "dsb_eur", new Money(1000, Currency.From("EUR")), day, bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        Assert.Equal(["dsb_eur", "dsb_usd"], (await PayoutsAsync()).Select(p => p.GatewayReference).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DisbursementException_RecordedFailedWithBraintreesReason()
    {
        var day = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement(
            "disbursement_exception", "dsb_2", TenDollars, day, bed.Clock.GetUtcNow(), exception: "bank_rejected"));
        await bed.ProcessAsync();

        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal((PayoutStatus.Failed, "exception", "bank_rejected"), (payout.Status, payout.GatewayStatus, payout.FailureCode));
        Assert.Contains("update_funding_information", payout.FailureMessage, StringComparison.Ordinal);
        var failed = Assert.Single(await bed.AuditAsync(AuditAction.PayoutFailed, payout.Id));
        Assert.Equal(AuditOutcome.Failure, failed.Outcome);
        Assert.Equal([WebhookEventTypes.PayoutFailed], await OutboundTypesAsync("payout", payout.Id));
    }

    [Fact]
    public async Task DisbursementException_ThatBraintreeRetries_WaitsPendingAndASuccessLaterMakesItPaid()
    {
        var day = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement(
            "disbursement_exception", "dsb_4", TenDollars, day, bed.Clock.GetUtcNow(), exception: "insufficient_funds", retry: true));
        await bed.ProcessAsync();
        var retrying = Assert.Single(await PayoutsAsync());
        bed.Clock.Advance(TimeSpan.FromDays(1));

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement("disbursement", "dsb_4", TenDollars, day.AddDays(1), bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        Assert.Equal((PayoutStatus.Pending, "exception_retrying", "insufficient_funds"), (retrying.Status, retrying.GatewayStatus, retrying.FailureCode));
        var paid = Assert.Single(await PayoutsAsync());
        Assert.Equal((PayoutStatus.Paid, (string?)null), (paid.Status, paid.FailureCode));
        Assert.Equal([WebhookEventTypes.PayoutPaid], await OutboundTypesAsync("payout", paid.Id));
    }

    [Fact]
    public async Task Disbursement_PaidThenAnExceptionForTheSameDisbursement_EndsFailed()
    {
        var day = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var paid = BraintreeTestNotifications.Disbursement("disbursement", "dsb_3", TenDollars, day, bed.Clock.GetUtcNow());
        var returned = BraintreeTestNotifications.Disbursement("disbursement_exception", "dsb_3", TenDollars, day, bed.Clock.GetUtcNow().AddDays(2), exception: "bank_rejected");

        await bed.DeliverBraintreeAsync(paid);
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromDays(2));
        await bed.DeliverBraintreeAsync(returned);
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        await bed.DeliverBraintreeAsync(paid + "\n");
        await bed.ProcessAsync();

        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal(PayoutStatus.Failed, payout.Status);
        Assert.Equal([WebhookEventTypes.PayoutPaid, WebhookEventTypes.PayoutFailed], await OutboundTypesAsync("payout", payout.Id));
    }

    [Fact]
    public async Task DisputeOpenedThenWon_OnACapturedPayment_FoundByTheTransactionsGlobalIdEachStepRecordedOnce()
    {
        var (paymentId, _, reference) = await bed.BraintreeCapturedAsync("bt_disp1");
        var opened = bed.Clock.GetUtcNow();

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Dispute("dispute_opened", "dp_bt1", "open", TenDollars, "bt_disp1", null, opened, opened));
        await bed.ProcessAsync();
        var open = Assert.Single(await DisputesAsync());
        bed.Clock.Advance(TimeSpan.FromDays(20));
        var won = BraintreeTestNotifications.Dispute("dispute_won", "dp_bt1", "won", TenDollars, "bt_disp1", null, opened, bed.Clock.GetUtcNow());
        await bed.DeliverBraintreeAsync(won);
        await bed.ProcessAsync();
        await bed.DeliverBraintreeAsync(won);
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        var openedDay = new DateTimeOffset(opened.UtcDateTime.Date, TimeSpan.Zero);
        Assert.Equal(
            (paymentId, DisputeStatus.NeedsResponse, "open", (DateTimeOffset?)openedDay.AddDays(7), openedDay),
            (open.PaymentId, open.Status, open.GatewayStatus, open.EvidenceDueBy, open.OpenedAt));
        Assert.Equal(
            (GatewayKind.Braintree, reference, DisputeStatus.Won, "won", 1000L, "fraud", (DateTimeOffset?)bed.Clock.GetUtcNow()),
            (dispute.Gateway, dispute.ChargeReference, dispute.Status, dispute.GatewayStatus, dispute.AmountMinor, dispute.Reason, dispute.DecidedAt));
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeOpened, paymentId));
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeClosed, paymentId));
        Assert.Equal([WebhookEventTypes.DisputeOpened, WebhookEventTypes.DisputeClosed], await OutboundTypesAsync("dispute", dispute.Id));
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task DisputeOnAPaymentWhoseReplyWasLost_FoundByTheOrderId()
    {
        var (paymentId, attemptId) = await bed.BraintreeLostReplyAsync();
        var at = bed.Clock.GetUtcNow();

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Dispute("dispute_opened", "dp_bt2", "open", TenDollars, "bt_unknown_ref", attemptId.ToString(), at, at));
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal((Guid?)paymentId, dispute.PaymentId);
        Assert.Equal(WebhookInboxStatus.Processed, Assert.Single(await bed.InboxAsync()).Status);
    }

    [Fact]
    public async Task DisputeNotifications_OutOfOrder_TheLaterReportWinsAndALostDisputeNeverReopens()
    {
        var (paymentId, _, _) = await bed.BraintreeCapturedAsync("bt_disp3");
        var opened = bed.Clock.GetUtcNow();
        var open = BraintreeTestNotifications.Dispute("dispute_opened", "dp_bt3", "open", TenDollars, "bt_disp3", null, opened, opened);
        var accepted = BraintreeTestNotifications.Dispute("dispute_accepted", "dp_bt3", "accepted", TenDollars, "bt_disp3", null, opened, opened.AddDays(3));

        await bed.DeliverBraintreeAsync(accepted);
        await bed.ProcessAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        await bed.DeliverBraintreeAsync(open);
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal((DisputeStatus.Lost, "accepted"), (dispute.Status, dispute.GatewayStatus));
        var rows = await bed.InboxAsync();
        Assert.Equal([WebhookInboxStatus.Processed, WebhookInboxStatus.Ignored], rows.Select(r => r.Status));
        Assert.Contains("stale", rows[1].Reason, StringComparison.Ordinal);
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeClosed, paymentId));
        Assert.Empty(await bed.AuditAsync(AuditAction.DisputeOpened, paymentId));
    }

    [Fact]
    public async Task DisputeOnATransactionThePortalDidNotMake_RecordedWithoutAPayment()
    {
        var at = bed.Clock.GetUtcNow();

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Dispute("dispute_opened", "dp_bt4", "open", TenDollars, "made_elsewhere", "not-a-portal-id", at, at));
        await bed.ProcessAsync();

        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal(((Guid?)null, DisputeStatus.NeedsResponse), (dispute.PaymentId, dispute.Status));
        Assert.Equal(Convert.ToBase64String("transaction_made_elsewhere"u8.ToArray()), dispute.ChargeReference);
        Assert.Single(await bed.AuditAsync(AuditAction.DisputeOpened, dispute.Id));
    }

    [Theory]
    [InlineData("dispute_disputed", "disputed", DisputeStatus.UnderReview)]
    [InlineData("dispute_under_review", "under_review", DisputeStatus.UnderReview)]
    [InlineData("dispute_lost", "lost", DisputeStatus.Lost)]
    [InlineData("dispute_auto_accepted", "auto_accepted", DisputeStatus.Lost)]
    [InlineData("dispute_expired", "expired", DisputeStatus.Lost)]
    public async Task DisputeKinds_MapToThePortalsStatus(string kind, string status, DisputeStatus expected)
    {
        var at = bed.Clock.GetUtcNow();

        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Dispute(kind, "dp_kind", status, TenDollars, "bt_kind", null, at, at));
        await bed.ProcessAsync();

        Assert.Equal(expected, Assert.Single(await DisputesAsync()).Status);
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
