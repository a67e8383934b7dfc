namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>A delivery this instance holds the lease of, with everything needed to send it.</summary>
public sealed record ClaimedDelivery(
    Guid MerchantId,
    Guid Id,
    Guid EndpointId,
    Guid EventId,
    string EventType,
    Guid LeaseId,
    int AttemptsBefore,
    bool Replay,
    DateTimeOffset RetryWindowStart,
    string Url,
    string ProtectedSecret,
    string? PreviousProtectedSecret,
    DateTimeOffset? PreviousSecretExpiresAt,
    string Body);

/// <summary>What one HTTP attempt came to.</summary>
public sealed record AttemptResult(DateTimeOffset StartedAt, int DurationMs, int? StatusCode, bool Succeeded, string? Error, string? ResponseExcerpt);
