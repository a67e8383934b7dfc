using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Reports;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// A dispute_* notification: the dispute as it stood when Braintree sent it, recorded by <see cref="DisputeLedger"/>. Every kind
/// carries the whole dispute with its status, so each is handled the same way and the notification's timestamp decides which
/// report is the latest. The disputed payment is found by the transaction's order id (the portal's attempt id), else by the
/// transaction's GraphQL id, which is what the portal stores as a Braintree payment's reference.
/// </summary>
public abstract class BraintreeDisputeHandler(DisputeLedger disputes) : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Braintree;

    public abstract string EventType { get; }

    public async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (BraintreeNotificationDispute.From(webhook.Entry.Payload) is not { } dispute)
        {
            return WebhookHandling.Ignored($"{EventType} without a dispute");
        }

        if (dispute.Amount is not { } amount)
        {
            return WebhookHandling.Ignored($"Braintree dispute {dispute.Id} has no amount in a currency the portal knows ({dispute.CurrencyCode ?? "none"})");
        }

        if (StatusOf(dispute.Status) is not { } status)
        {
            return WebhookHandling.Ignored($"Braintree dispute {dispute.Id} has a status the portal does not know ({dispute.Status ?? "none"})");
        }

        var reportedAt = webhook.Entry.OccurredAt ?? webhook.Entry.ReceivedAt;
        var chargeReference = dispute.TransactionLegacyId is { } legacyId ? BraintreeNotificationTransaction.GlobalIdOf(legacyId) : null;

        // Braintree gives a reply-by day, not a time; the start of that day (UTC) is shown so the deadline is never later than Braintree's.
        var report = new DisputeReport(
            GatewayKind.Braintree, dispute.Id, chargeReference, amount, dispute.Reason ?? "", dispute.Status!, status, dispute.ReplyBy,
            dispute.OpenedOn ?? reportedAt, reportedAt, WebhookTargets.ParseId(dispute.TransactionOrderId));
        var (recording, recorded) = await disputes.RecordAsync(webhook.Db, webhook.Entry.MerchantId, report, webhook.Actor, cancellationToken);
        var said = $"Braintree reports dispute {dispute.Id} of {amount} {dispute.Status}";
        return ReportHandling.Of(recording, said, recorded.PaymentId, recorded.Status.ToString(), recorded.GatewayStatus);
    }

    /// <summary>
    /// Braintree's statuses in the portal's words. Accepted (by the merchant), auto-accepted (by Braintree's rules) and expired (no
    /// reply by the deadline) all leave the money with the cardholder, so they are lost; disputed means the merchant replied.
    /// </summary>
    public static DisputeStatus? StatusOf(string? status) => status switch
    {
        "open" => DisputeStatus.NeedsResponse,
        "disputed" or "under_review" => DisputeStatus.UnderReview,
        "won" => DisputeStatus.Won,
        "lost" or "accepted" or "auto_accepted" or "expired" => DisputeStatus.Lost,
        _ => null,
    };
}

/// <summary>dispute_opened: a cardholder disputed a transaction; the amount is held from the merchant.</summary>
public sealed class BraintreeDisputeOpenedHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_opened";
}

/// <summary>dispute_disputed: the merchant replied with evidence.</summary>
public sealed class BraintreeDisputeDisputedHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_disputed";
}

/// <summary>dispute_under_review: the processor is reviewing the merchant's reply.</summary>
public sealed class BraintreeDisputeUnderReviewHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_under_review";
}

/// <summary>dispute_won: decided for the merchant; the held amount comes back.</summary>
public sealed class BraintreeDisputeWonHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_won";
}

/// <summary>dispute_lost: decided for the cardholder.</summary>
public sealed class BraintreeDisputeLostHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_lost";
}

/// <summary>dispute_accepted: the merchant accepted the chargeback.</summary>
public sealed class BraintreeDisputeAcceptedHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_accepted";
}

/// <summary>dispute_auto_accepted: Braintree accepted it for the merchant under the account's rules.</summary>
public sealed class BraintreeDisputeAutoAcceptedHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_auto_accepted";
}

/// <summary>dispute_expired: the reply-by date passed without a reply.</summary>
public sealed class BraintreeDisputeExpiredHandler(DisputeLedger disputes) : BraintreeDisputeHandler(disputes)
{
    public override string EventType => "dispute_expired";
}
