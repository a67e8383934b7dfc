namespace PaymentsPortal.Core.Audit.Search;

/// <summary>One entry as the workspace lists it; hashes only on the detail view.</summary>
public sealed record AuditEntryRow(
    long Sequence,
    Guid Id,
    DateTimeOffset OccurredAt,
    AuditActorType ActorType,
    string? ActorId,
    string ActorName,
    AuditAction Action,
    string? TargetType,
    string? TargetId,
    AuditOutcome Outcome,
    string? IpAddress,
    string? Reason);

/// <summary>A page of entries, newest first, with keyset cursors for the neighbouring pages.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryRow> Rows, bool HasOlder, bool HasNewer)
{
    public long? OldestSequence => Rows.Count > 0 ? Rows[^1].Sequence : null;

    public long? NewestSequence => Rows.Count > 0 ? Rows[0].Sequence : null;
}
