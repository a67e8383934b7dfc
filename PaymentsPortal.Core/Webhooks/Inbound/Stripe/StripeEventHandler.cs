using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using Stripe;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>
/// A handler of one Stripe event type. The stored body was verified at intake, so it is read here without checking the
/// signature again, with Stripe.net's own event model, and whatever API version Stripe sent it in.
/// </summary>
public abstract class StripeEventHandler : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Stripe;

    public abstract string EventType { get; }

    public Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var stripeEvent = EventUtility.ConstructEventWithoutVerification(webhook.Entry.Payload, throwOnApiVersionMismatch: false);
        return HandleAsync(webhook, stripeEvent, cancellationToken);
    }

    protected abstract Task<WebhookHandling> HandleAsync(WebhookEvent webhook, Event stripeEvent, CancellationToken cancellationToken);
}
