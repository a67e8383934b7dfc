namespace PaymentsPortal.Core.Audit.Retention;

/// <summary>
/// One application of the retention procedure to one chain: which whole expired segments were removed,
/// and the hash of the last removed entry, from which verification of the remaining chain starts.
/// Written only by the procedure itself (<c>audit_apply_retention</c>); append-only like the entries.
/// </summary>
public sealed class AuditRetentionRun
{
    public long Id { get; init; }

    public Guid MerchantId { get; init; }

    public long RemovedFromSequence { get; init; }

    public long RemovedThroughSequence { get; init; }

    /// <summary>The hash of entry <see cref="RemovedThroughSequence"/>: the first kept entry must link to it.</summary>
    public byte[] AnchorHash { get; init; } = [];

    public long RemovedCount { get; init; }

    /// <summary>Every removed entry is older than this start of a month.</summary>
    public DateTimeOffset Cutoff { get; init; }

    public DateTimeOffset RemovedAt { get; init; }

    public string RemovedBy { get; init; } = "";

    /// <summary>The PostgreSQL transaction that removed the entries: the trigger lets a DELETE through only inside it.</summary>
    public long TransactionId { get; init; }
}
