namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// The result of comparing a chain with what the checkpoints recorded of it. When a checkpointed
/// sequence no longer matches, the rewrite began after <see cref="LastConfirmedSequence"/> and at or
/// before <see cref="FirstMismatchSequence"/>: entries up to a confirmed head are pinned by its hash.
/// </summary>
public sealed record CheckpointVerification(
    bool IsConsistent, int LeavesChecked, long? FirstMismatchSequence, long? LastConfirmedSequence, Guid? CheckpointId, string? Problem)
{
    public static CheckpointVerification Consistent(int leavesChecked, long? lastConfirmed) =>
        new(true, leavesChecked, null, lastConfirmed, null, null);

    public static CheckpointVerification Mismatch(int leavesChecked, long sequence, long? lastConfirmed, Guid checkpointId, string problem) =>
        new(false, leavesChecked, sequence, lastConfirmed, checkpointId, problem);
}
