namespace PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

/// <summary>An endpoint as the webhooks page lists it, with its health; never its secret, only the secret's hint.</summary>
public sealed record WebhookEndpointRow(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string SecretHint,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    string CreatedByName,
    int ConsecutiveFailures,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastFailure,
    int PendingDeliveries,
    int FailedDeliveries,
    int DeliveredLastDay,
    int AttemptsLastDay)
{
    public WebhookEndpointHealth Health => !Enabled ? WebhookEndpointHealth.Disabled
        : ConsecutiveFailures == 0 ? WebhookEndpointHealth.Healthy
        : LastSuccessAt is null || ConsecutiveFailures >= 5 ? WebhookEndpointHealth.Failing
        : WebhookEndpointHealth.Degraded;
}

/// <summary>How an endpoint is doing, from its recent attempts.</summary>
public enum WebhookEndpointHealth
{
    /// <summary>The last attempt succeeded, or none was made yet.</summary>
    Healthy = 1,

    /// <summary>Recent attempts failed, fewer than five in a row, after earlier successes.</summary>
    Degraded = 2,

    /// <summary>Five or more attempts in a row failed, or it never answered 2xx.</summary>
    Failing = 3,

    Disabled = 4,
}

/// <summary>One delivery in an endpoint's list.</summary>
public sealed record WebhookDeliveryRow(
    Guid Id, Guid EventId, string EventType, WebhookDeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError);

/// <summary>A delivery opened: the event as sent and every attempt.</summary>
public sealed record WebhookDeliveryDetail(WebhookDeliveryRow Delivery, string Body, IReadOnlyList<WebhookDeliveryAttempt> AttemptList);

/// <summary>A page of an endpoint's deliveries, newest first, and whether older ones follow.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryRow> Rows, bool HasMore);
