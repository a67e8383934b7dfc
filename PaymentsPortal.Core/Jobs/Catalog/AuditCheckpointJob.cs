using PaymentsPortal.Core.Audit.Checkpoints;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Signs a checkpoint over every chain's head, so an auditor can later prove the trail was not rewritten since.</summary>
public sealed class AuditCheckpointJob(AuditCheckpoints checkpoints) : IPortalJob
{
    public string Id => "audit-checkpoint";

    public string Title => "Audit checkpoint";

    public string Description => "Takes a signed checkpoint (a Merkle root over every chain's head) when any chain moved since the last one.";

    public string DefaultSchedule => "0 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var created = await checkpoints.CreateAsync(cancellationToken);
        return created.Outcome == CheckpointOutcome.Created
            ? new JobResult(1, 0, $"Checkpoint {created.Checkpoint!.Id} signed over {created.Checkpoint.LeafCount} chain(s).")
            : new JobResult(0, 0, created.Outcome == CheckpointOutcome.Unchanged ? "No chain moved since the last checkpoint." : null);
    }
}
