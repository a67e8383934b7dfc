using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>
/// One thing that happened, for the merchant's systems: written to the outbox in the transaction of the change it describes,
/// so an event exists exactly when its change committed. <see cref="Body"/> is the JSON sent, fixed at creation: every
/// delivery and every replay sends the same bytes, and a receiver can tell them apart by the delivery headers only.
/// The dispatcher fans it out into one <see cref="WebhookDelivery"/> per subscribed endpoint and stamps <see cref="FannedOutAt"/>.
/// </summary>
public sealed class OutboundEvent : ITenantOwned
{
    public const int TypeMaxLength = 100;
    public const int ObjectTypeMaxLength = 40;
    public const int ObjectIdMaxLength = 100;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    /// <summary>One of <see cref="WebhookEventTypes"/>: payment.succeeded, refund.awaiting_approval…</summary>
    public string Type { get; init; } = "";

    /// <summary>What it is about: payment, refund, webhook_endpoint (a test event).</summary>
    public string ObjectType { get; init; } = "";

    public string ObjectId { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The envelope as sent: id, type, created, merchant, livemode and the object as it was at that moment.</summary>
    public string Body { get; init; } = "";

    /// <summary>When the dispatcher made its deliveries; null while it has not.</summary>
    public DateTimeOffset? FannedOutAt { get; set; }
}
