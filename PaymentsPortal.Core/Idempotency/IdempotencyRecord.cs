using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Idempotency;

/// <summary>
/// One caller-supplied Idempotency-Key of one merchant: the fingerprint of the request it first came with,
/// the resource it created, and once finished the result every replay returns. Kept at least 24 hours.
/// </summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public Guid MerchantId { get; init; }

    /// <summary>What the key was used for ("payment", "refund"): the same string for two purposes is two keys.</summary>
    public string Scope { get; init; } = "";

    public string Key { get; init; } = "";

    /// <summary>SHA-256 of the request's parameters, hex: a replay with different parameters is refused.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The payment or refund this key created; known from the moment the key is claimed.</summary>
    public Guid ResourceId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The finished request's result as JSON, replayed verbatim; null while it is in progress.</summary>
    public string? ResultJson { get; set; }
}
