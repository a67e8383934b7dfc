namespace PaymentsPortal.Core.Webhooks.Inbound;

/// <summary>Where a stored webhook event stands. Stored by name.</summary>
public enum WebhookInboxStatus
{
    /// <summary>Stored and acknowledged, waiting for the processor (first time, or again after a failure).</summary>
    Pending = 1,

    /// <summary>Its effect was applied, or it confirmed what the portal already held; the reason says which.</summary>
    Processed = 2,

    /// <summary>Nothing to do: an unknown type, a payment the portal does not know, a stale or contradicting event. The reason says which.</summary>
    Ignored = 3,

    /// <summary>Processing failed <see cref="WebhookInboxEntry.MaxAttempts"/> times; a person must look.</summary>
    Failed = 4,
}
