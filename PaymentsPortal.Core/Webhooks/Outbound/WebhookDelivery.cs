using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>
/// One event on its way to one endpoint. The dispatcher claims a due delivery by moving <see cref="NextAttemptAt"/> past the
/// send (a lease, <see cref="LeaseId"/>): an instance that dies mid-send leaves it due again once the lease lapses, so nothing
/// held only in memory is lost. Pending until a 2xx answer (Delivered), the retry window closes (Failed) or its endpoint goes
/// (Canceled); an Admin's replay makes it Pending again.
/// </summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid EndpointId { get; init; }

    public Guid EventId { get; init; }

    /// <summary>The event's type, kept here so the deliveries list filters without a join.</summary>
    public string EventType { get; init; } = "";

    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts made, replays included.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (or, while one is being made, when its lease lapses); null once finished.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Who holds the current attempt; the result is recorded only by the holder.</summary>
    public Guid? LeaseId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When retries began again: creation, or the last replay. The retry window is counted from here.</summary>
    public DateTimeOffset RetryWindowStart { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>An Admin asked to send it again; its next attempt is recorded as a replay.</summary>
    public bool ReplayRequested { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }
}
