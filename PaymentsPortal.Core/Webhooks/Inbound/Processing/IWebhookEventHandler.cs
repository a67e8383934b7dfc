using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Handles one event type of one provider. It runs inside the transaction that also marks the event processed, with
/// <see cref="WebhookEvent.Db"/> acting for the event's merchant, so its effect and the inbox row commit together or not at all.
/// It must not call a gateway: the transaction holds the inbox row's lock.
/// </summary>
public interface IWebhookEventHandler
{
    WebhookProvider Provider { get; }

    /// <summary>Stripe's event type or Braintree's notification kind.</summary>
    string EventType { get; }

    Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken);
}

/// <summary>The event being processed, the context it is processed in, and the actor its effects are audited as.</summary>
public sealed record WebhookEvent(PortalDbContext Db, WebhookInboxEntry Entry, AuditActor Actor);
