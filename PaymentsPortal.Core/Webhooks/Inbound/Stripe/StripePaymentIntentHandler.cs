using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Stripe;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using Stripe;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>
/// A payment_intent.* event: the intent carries the attempt id the adapter sent as metadata, and its status is read exactly as
/// reconciliation reads a looked-up intent (<see cref="StripeResults.FromSearch"/>), so an event and a lookup of the same intent
/// can never settle a payment differently.
/// </summary>
public abstract class StripePaymentIntentHandler(WebhookChargeApplier charges) : StripeEventHandler
{
    protected override async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, Event stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not PaymentIntent intent)
        {
            return WebhookHandling.Ignored($"{EventType} without a PaymentIntent");
        }

        var attempt = (WebhookTargets.ParseId(intent.Metadata?.GetValueOrDefault("attempt_id")) is { } attemptId
                ? await WebhookTargets.AttemptAsync(webhook.Db, attemptId, cancellationToken)
                : null)
            ?? await WebhookTargets.AttemptByChargeReferenceAsync(webhook.Db, GatewayKind.Stripe, intent.Id, cancellationToken);
        if (attempt is null)
        {
            return WebhookHandling.Ignored($"no payment of this merchant carries Stripe PaymentIntent {intent.Id}");
        }

        var lookup = StripeResults.FromSearch([intent]);
        if (lookup is not { Outcome: GatewayOutcome.Succeeded, State: { } state })
        {
            return WebhookHandling.Ignored(lookup.Message ?? $"Stripe PaymentIntent {intent.Id} could not be read", attempt.PaymentId);
        }

        return await charges.ApplyAsync(webhook, attempt, GatewayKind.Stripe, state, lookup.GatewayReference, lookup.Amount, cancellationToken);
    }
}

/// <summary>payment_intent.succeeded: captured, for example after 3-D Secure in the browser or a reply that never arrived.</summary>
public sealed class StripePaymentIntentSucceededHandler(WebhookChargeApplier charges) : StripePaymentIntentHandler(charges)
{
    public override string EventType => "payment_intent.succeeded";
}

/// <summary>payment_intent.amount_capturable_updated: authorized, waiting to be captured.</summary>
public sealed class StripePaymentIntentAuthorizedHandler(WebhookChargeApplier charges) : StripePaymentIntentHandler(charges)
{
    public override string EventType => "payment_intent.amount_capturable_updated";
}

/// <summary>payment_intent.payment_failed: declined, or 3-D Secure failed; no money moved.</summary>
public sealed class StripePaymentIntentFailedHandler(WebhookChargeApplier charges) : StripePaymentIntentHandler(charges)
{
    public override string EventType => "payment_intent.payment_failed";
}

/// <summary>payment_intent.canceled: voided before capture.</summary>
public sealed class StripePaymentIntentCanceledHandler(WebhookChargeApplier charges) : StripePaymentIntentHandler(charges)
{
    public override string EventType => "payment_intent.canceled";
}

/// <summary>payment_intent.requires_action: waiting for the customer (3-D Secure).</summary>
public sealed class StripePaymentIntentRequiresActionHandler(WebhookChargeApplier charges) : StripePaymentIntentHandler(charges)
{
    public override string EventType => "payment_intent.requires_action";
}

/// <summary>payment_intent.processing: still in flight at Stripe; never moves a payment, and never back from where it is.</summary>
public sealed class StripePaymentIntentProcessingHandler(WebhookChargeApplier charges) : StripePaymentIntentHandler(charges)
{
    public override string EventType => "payment_intent.processing";
}
