namespace PaymentsPortal.Core.Audit;

/// <summary>
/// One link of a merchant's (or the platform's) hash chain. Rows are only ever inserted: the
/// application role has no UPDATE or DELETE on the table and a trigger rejects both for every role.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The platform chain (events of no merchant) uses the empty id.</summary>
    public static readonly Guid PlatformChain = Guid.Empty;

    public Guid MerchantId { get; init; }

    /// <summary>Gap-free position in the chain, starting at 1.</summary>
    public long Sequence { get; init; }

    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public AuditActorType ActorType { get; init; }

    public string? ActorId { get; init; }

    public string ActorName { get; init; } = "";

    public AuditAction Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public AuditOutcome Outcome { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public string? Reason { get; init; }

    /// <summary>Redacted JSON, stored as text so that the hashed bytes are exactly the stored bytes.</summary>
    public string Details { get; init; } = "{}";

    public byte[] PreviousHash { get; init; } = [];

    /// <summary>SHA-256 over <see cref="PreviousHash"/> and the canonical content; set once when the entry is appended.</summary>
    public byte[] Hash { get; internal set; } = [];
}
