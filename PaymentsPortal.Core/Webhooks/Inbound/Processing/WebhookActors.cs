using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>Who an event's effects are audited as: the provider's webhook, with the event's id, so the trail leads back to it.</summary>
public static class WebhookActors
{
    public static AuditActor For(WebhookInboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditActor(AuditActorType.Webhook, entry.EventId, "webhook:" + entry.Provider.ToString().ToLowerInvariant());
    }
}
