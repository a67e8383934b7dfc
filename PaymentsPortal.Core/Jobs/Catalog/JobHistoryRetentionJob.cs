using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Keeps the run history to <see cref="JobsOptions.HistoryRetention"/>; the audit entries of runs that mattered stay on the chain.</summary>
public sealed class JobHistoryRetentionJob(JobRunLog log, IOptions<JobsOptions> options, TimeProvider clock) : IPortalJob
{
    public string Id => "job-history-retention";

    public string Title => "Job history retention";

    public string Description => "Removes job runs older than Jobs:HistoryRetention (30 days by default) from the run history shown here.";

    public string DefaultSchedule => "45 3 * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var removed = await log.PruneAsync(clock.GetUtcNow() - options.Value.HistoryRetention, cancellationToken);
        return new JobResult(removed, 0, removed == 0 ? null : $"{removed} old run(s) removed.");
    }
}
