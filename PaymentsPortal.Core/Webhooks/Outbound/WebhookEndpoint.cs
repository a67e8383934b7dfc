using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>
/// A merchant's receiver of outbound webhooks: where to send, which event types, and the signing secret (encrypted; shown once
/// when made). While a rotated-out secret is in its grace period, deliveries carry a signature made with each, so a receiver
/// can switch over without losing one. The health columns are kept by the dispatcher as it records attempts.
/// </summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public const int UrlMaxLength = 2048;
    public const int DescriptionMaxLength = 200;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public string Url { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The event types delivered; empty means every type, including those added later.</summary>
    public List<string> EventTypes { get; set; } = [];

    public bool Enabled { get; set; } = true;

    public string ProtectedSecret { get; set; } = "";

    /// <summary>The secret's last four characters, to tell secrets apart without showing them.</summary>
    public string SecretHint { get; set; } = "";

    public string? PreviousProtectedSecret { get; set; }

    /// <summary>Until when the rotated-out secret still signs; null when there is none.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedByName { get; init; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Failed attempts since the last success: 0 is healthy.</summary>
    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>The last failure in words: "HTTP 503", "timed out after 10 s", "refused: resolves to a private address".</summary>
    public string? LastFailure { get; set; }

    public bool Subscribes(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType);
}
