namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>One chain's head as a checkpoint saw it: the chain's last sequence and that entry's hash.</summary>
public sealed class AuditCheckpointLeaf
{
    public Guid CheckpointId { get; init; }

    /// <summary>The merchant id, or <see cref="AuditEntry.PlatformChain"/> for the platform chain.</summary>
    public Guid ChainId { get; init; }

    public long Sequence { get; init; }

    public byte[] HeadHash { get; init; } = [];
}
