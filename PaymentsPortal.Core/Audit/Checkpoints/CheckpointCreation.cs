namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>What one attempt to take a checkpoint did.</summary>
public sealed record CheckpointCreation(CheckpointOutcome Outcome, CheckpointSummary? Checkpoint)
{
    public static CheckpointCreation Skipped(CheckpointOutcome outcome) => new(outcome, null);
}

public enum CheckpointOutcome
{
    Created,

    /// <summary>No chain moved since the last checkpoint, so a new one would prove nothing new.</summary>
    Unchanged,

    /// <summary>The audit trail has no entries yet.</summary>
    NoChains,

    /// <summary>The last checkpoint is younger than the schedule's interval (another instance took it).</summary>
    NotDue,

    /// <summary>Another instance is taking a checkpoint right now.</summary>
    Busy,
}
