using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit.Retention;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Applies the audit retention policy, when an operator has switched it on: removal is irreversible.</summary>
public sealed class AuditRetentionJob(AuditRetention retention, IOptions<AuditRetentionOptions> options) : IPortalJob
{
    public string Id => "audit-retention";

    public string Title => "Audit retention";

    public string Description => "Removes whole expired months of the audit trail through the recorded retention procedure, when Audit:Retention:Enabled is on.";

    public string DefaultSchedule => "15 3 * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return new JobResult(0, 0, "Retention is off (Audit:Retention:Enabled); nothing is removed.");
        }

        var runs = await retention.ApplyAsync(cancellationToken);
        return new JobResult(runs.Count, 0, runs.Count == 0 ? null : $"{runs.Count} chain(s) shortened.");
    }
}
