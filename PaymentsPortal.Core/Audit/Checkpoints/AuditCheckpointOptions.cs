namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>The "Audit" configuration section.</summary>
public sealed class AuditCheckpointOptions
{
    public const string Section = "Audit";

    /// <summary>How often a checkpoint is taken (when anything changed). Audit:CheckpointInterval, default one hour.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);
}
