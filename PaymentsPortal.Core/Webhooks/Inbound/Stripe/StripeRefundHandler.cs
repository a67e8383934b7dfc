using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using Stripe;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>A refund.* event: the refund object is the event's data.</summary>
public abstract class StripeRefundHandler(StripeRefundReports reports) : StripeEventHandler
{
    protected override Task<WebhookHandling> HandleAsync(WebhookEvent webhook, Event stripeEvent, CancellationToken cancellationToken) =>
        stripeEvent.Data?.Object is global::Stripe.Refund refund
            ? reports.ApplyAsync(webhook, refund, cancellationToken)
            : Task.FromResult(WebhookHandling.Ignored($"{EventType} without a refund"));
}

/// <summary>refund.created: Stripe made the refund (usually already succeeded for cards).</summary>
public sealed class StripeRefundCreatedHandler(StripeRefundReports reports) : StripeRefundHandler(reports)
{
    public override string EventType => "refund.created";
}

/// <summary>refund.updated: the refund's status changed, for example pending to succeeded.</summary>
public sealed class StripeRefundUpdatedHandler(StripeRefundReports reports) : StripeRefundHandler(reports)
{
    public override string EventType => "refund.updated";
}

/// <summary>refund.failed: the money could not go back after all.</summary>
public sealed class StripeRefundFailedHandler(StripeRefundReports reports) : StripeRefundHandler(reports)
{
    public override string EventType => "refund.failed";
}
