using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>One HTTP request to an endpoint and what came back, as the deliveries page shows it.</summary>
public sealed class WebhookDeliveryAttempt : ITenantOwned
{
    public const int ErrorMaxLength = 300;
    public const int ResponseExcerptMaxLength = 500;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid DeliveryId { get; init; }

    /// <summary>1 for the first attempt of the delivery, counting replays.</summary>
    public int Number { get; init; }

    public WebhookAttemptTrigger Trigger { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public int DurationMs { get; init; }

    /// <summary>The HTTP status the endpoint answered; null when no answer came (timeout, refused connection, blocked address).</summary>
    public int? StatusCode { get; init; }

    public bool Succeeded { get; init; }

    public string? Error { get; init; }

    /// <summary>The start of the response body, redacted, for the Admin who debugs a receiver.</summary>
    public string? ResponseExcerpt { get; init; }
}

/// <summary>Why an attempt was made.</summary>
public enum WebhookAttemptTrigger
{
    /// <summary>The first attempt, or a retry on the backoff schedule.</summary>
    Scheduled = 1,

    /// <summary>An Admin replayed the delivery.</summary>
    Replay = 2,
}
