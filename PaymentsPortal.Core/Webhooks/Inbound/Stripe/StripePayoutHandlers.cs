using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Reports;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using Stripe;
using StripePayout = Stripe.Payout;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>A payout.* event: the payout as it was when the event happened, recorded by <see cref="PayoutLedger"/>.</summary>
public abstract class StripePayoutHandler(PayoutLedger payouts) : StripeEventHandler
{
    protected override async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, Event stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not StripePayout payout)
        {
            return WebhookHandling.Ignored($"{EventType} without a payout");
        }

        if (!Currency.TryFrom(payout.Currency, out var currency))
        {
            return WebhookHandling.Ignored($"Stripe payout {payout.Id} is in a currency the portal does not know ({payout.Currency})");
        }

        if (StatusOf(payout.Status) is not { } status)
        {
            return WebhookHandling.Ignored($"Stripe payout {payout.Id} has a status the portal does not know ({payout.Status})");
        }

        var reportedAt = Utc(stripeEvent.Created);
        var report = new PayoutReport(
            GatewayKind.Stripe, payout.Id, new Money(payout.Amount, currency), payout.Status, status, Utc(payout.ArrivalDate),
            payout.StatementDescriptor, payout.FailureCode, payout.FailureMessage, Utc(payout.Created), reportedAt);
        var (recording, recorded) = await payouts.RecordAsync(webhook.Db, webhook.Entry.MerchantId, report, webhook.Actor, cancellationToken);
        var said = $"Stripe reports payout {payout.Id} of {report.Amount} {payout.Status}";
        return ReportHandling.Of(recording, said, null, recorded.Status.ToString(), recorded.GatewayStatus);
    }

    public static PayoutStatus? StatusOf(string? status) => status switch
    {
        "pending" => PayoutStatus.Pending,
        "in_transit" => PayoutStatus.InTransit,
        "paid" => PayoutStatus.Paid,
        "failed" => PayoutStatus.Failed,
        "canceled" => PayoutStatus.Canceled,
        _ => null,
    };

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}

/// <summary>payout.created: a payout was scheduled.</summary>
public sealed class StripePayoutCreatedHandler(PayoutLedger payouts) : StripePayoutHandler(payouts)
{
    public override string EventType => "payout.created";
}

/// <summary>payout.updated: its arrival date or status changed.</summary>
public sealed class StripePayoutUpdatedHandler(PayoutLedger payouts) : StripePayoutHandler(payouts)
{
    public override string EventType => "payout.updated";
}

/// <summary>payout.paid: Stripe expects the money in the bank account (a bank can still return it).</summary>
public sealed class StripePayoutPaidHandler(PayoutLedger payouts) : StripePayoutHandler(payouts)
{
    public override string EventType => "payout.paid";
}

/// <summary>payout.failed: the bank returned it.</summary>
public sealed class StripePayoutFailedHandler(PayoutLedger payouts) : StripePayoutHandler(payouts)
{
    public override string EventType => "payout.failed";
}

/// <summary>payout.canceled: canceled before it was sent.</summary>
public sealed class StripePayoutCanceledHandler(PayoutLedger payouts) : StripePayoutHandler(payouts)
{
    public override string EventType => "payout.canceled";
}
