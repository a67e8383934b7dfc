using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Reports;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// A disbursement notification: Braintree paid (or failed to pay) the merchant's settled money to their bank, recorded as a payout
/// by <see cref="PayoutLedger"/>. Both kinds carry the whole disbursement with its success flag, so they are handled alike and the
/// notification's timestamp orders them. The disbursement day is when the money reaches the bank, so it is the arrival date. A
/// disbursement the gateway sync read back carries the merchant account and day as its id; <see cref="BraintreeDisbursementReference"/>
/// finds the payout either way.
/// </summary>
public abstract class BraintreeDisbursementNotificationHandler(PayoutLedger payouts) : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Braintree;

    public abstract string EventType { get; }

    public async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (BraintreeNotificationDisbursement.From(webhook.Entry.Payload) is not { } disbursement)
        {
            return WebhookHandling.Ignored($"{EventType} without a disbursement");
        }

        if (disbursement.Amount is not { } amount)
        {
            return WebhookHandling.Ignored($"Braintree disbursement {disbursement.Id} has no amount in a currency the portal knows ({disbursement.CurrencyCode ?? "none"})");
        }

        var reportedAt = webhook.Entry.OccurredAt ?? webhook.Entry.ReceivedAt;
        var day = disbursement.DisbursementDate ?? reportedAt;
        // An exception Braintree retries is not the end: the same disbursement may still arrive, so it waits as Pending (with the
        // reason) rather than Failed, which is final.
        var (status, gatewayStatus) = disbursement.Success
            ? (PayoutStatus.Paid, "disbursed")
            : disbursement.Retry ? (PayoutStatus.Pending, "exception_retrying") : (PayoutStatus.Failed, "exception");
        var reference = await BraintreeDisbursementReference.ResolveAsync(webhook.Db, webhook.Entry.MerchantId, disbursement, day, amount.Currency.Code, cancellationToken);
        var report = new PayoutReport(
            GatewayKind.Braintree, reference, amount, gatewayStatus, status, day, null,
            disbursement.Success ? null : disbursement.ExceptionMessage ?? "disbursement_exception",
            disbursement.Success ? null : FailureMessage(disbursement), day, reportedAt);
        var (recording, recorded) = await payouts.RecordAsync(webhook.Db, webhook.Entry.MerchantId, report, webhook.Actor, cancellationToken);
        var said = $"Braintree reports disbursement {disbursement.Id} of {amount} {gatewayStatus}";
        return ReportHandling.Of(recording, said, null, recorded.Status.ToString(), recorded.GatewayStatus);
    }

    // Braintree's exception message is a code; what to do about it and whether Braintree tries again is what a person needs to read.
    private static string FailureMessage(BraintreeNotificationDisbursement disbursement) =>
        $"Braintree could not disburse ({disbursement.ExceptionMessage ?? "no reason given"})"
        + (disbursement.FollowUpAction is { } action ? $"; follow-up: {action}" : "")
        + (disbursement.Retry ? "; Braintree will retry" : "");
}

/// <summary>disbursement: the settled money was sent to the merchant's bank.</summary>
public sealed class BraintreeDisbursementHandler(PayoutLedger payouts) : BraintreeDisbursementNotificationHandler(payouts)
{
    public override string EventType => "disbursement";
}

/// <summary>disbursement_exception: the bank refused the disbursement, or the funding details are wrong.</summary>
public sealed class BraintreeDisbursementExceptionHandler(PayoutLedger payouts) : BraintreeDisbursementNotificationHandler(payouts)
{
    public override string EventType => "disbursement_exception";
}
