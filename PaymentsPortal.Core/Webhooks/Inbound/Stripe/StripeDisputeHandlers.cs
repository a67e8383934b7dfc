using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Reports;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using Stripe;
using StripeDispute = Stripe.Dispute;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>
/// A charge.dispute.* event: the dispute object as it was when the event happened, recorded by <see cref="DisputeLedger"/>. Every
/// type carries the whole dispute, so each is handled the same way and the event's time decides which report is the latest.
/// </summary>
public abstract class StripeDisputeHandler(DisputeLedger disputes) : StripeEventHandler
{
    protected override async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, Event stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not StripeDispute dispute)
        {
            return WebhookHandling.Ignored($"{EventType} without a dispute");
        }

        if (!Currency.TryFrom(dispute.Currency, out var currency))
        {
            return WebhookHandling.Ignored($"Stripe dispute {dispute.Id} is in a currency the portal does not know ({dispute.Currency})");
        }

        if (StatusOf(dispute.Status) is not { } status)
        {
            return WebhookHandling.Ignored($"Stripe dispute {dispute.Id} has a status the portal does not know ({dispute.Status})");
        }

        var report = new DisputeReport(
            GatewayKind.Stripe, dispute.Id, dispute.PaymentIntentId, new Money(dispute.Amount, currency), dispute.Reason ?? "", dispute.Status, status,
            Utc(dispute.EvidenceDetails?.DueBy), Utc(dispute.Created) ?? Utc(stripeEvent.Created)!.Value, Utc(stripeEvent.Created)!.Value);
        var (recording, recorded) = await disputes.RecordAsync(webhook.Db, webhook.Entry.MerchantId, report, webhook.Actor, cancellationToken);
        var said = $"Stripe reports dispute {dispute.Id} of {report.Amount} {dispute.Status}";
        return ReportHandling.Of(recording, said, recorded.PaymentId, recorded.Status.ToString(), recorded.GatewayStatus);
    }

    /// <summary>Stripe's statuses, the warning_* ones being inquiries that may still become chargebacks.</summary>
    public static DisputeStatus? StatusOf(string? status) => status switch
    {
        "needs_response" or "warning_needs_response" => DisputeStatus.NeedsResponse,
        "under_review" or "warning_under_review" => DisputeStatus.UnderReview,
        "won" => DisputeStatus.Won,
        "lost" => DisputeStatus.Lost,
        "warning_closed" or "prevented" => DisputeStatus.Closed,
        _ => null,
    };

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } value && value > DateTime.UnixEpoch ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}

/// <summary>charge.dispute.created: a cardholder disputed a charge; the amount is withdrawn from the balance.</summary>
public sealed class StripeDisputeCreatedHandler(DisputeLedger disputes) : StripeDisputeHandler(disputes)
{
    public override string EventType => "charge.dispute.created";
}

/// <summary>charge.dispute.updated: evidence was submitted, or the dispute moved on.</summary>
public sealed class StripeDisputeUpdatedHandler(DisputeLedger disputes) : StripeDisputeHandler(disputes)
{
    public override string EventType => "charge.dispute.updated";
}

/// <summary>charge.dispute.closed: won, lost, or an inquiry closed.</summary>
public sealed class StripeDisputeClosedHandler(DisputeLedger disputes) : StripeDisputeHandler(disputes)
{
    public override string EventType => "charge.dispute.closed";
}

/// <summary>charge.dispute.funds_withdrawn: the disputed amount left the balance; the dispute itself says where it stands.</summary>
public sealed class StripeDisputeFundsWithdrawnHandler(DisputeLedger disputes) : StripeDisputeHandler(disputes)
{
    public override string EventType => "charge.dispute.funds_withdrawn";
}

/// <summary>charge.dispute.funds_reinstated: a won dispute's amount came back.</summary>
public sealed class StripeDisputeFundsReinstatedHandler(DisputeLedger disputes) : StripeDisputeHandler(disputes)
{
    public override string EventType => "charge.dispute.funds_reinstated";
}
