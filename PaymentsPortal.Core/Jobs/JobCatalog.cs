using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// Every portal job, with the schedule it runs on here (its default, or what <see cref="JobsOptions.Schedules"/> says). The
/// default schedules take turns: each Hangfire run costs PostgreSQL some 40 commits whatever the job does, so the jobs that run every
/// 5, 10 or 15 minutes start on different minutes (":00", ":01", ":02", ":03", ":04" of each five) and no minute of an idle portal
/// runs more than the two every-minute reconciliations and two others.
/// </summary>
public sealed class JobCatalog
{
    private readonly Dictionary<string, IPortalJob> jobs;
    private readonly JobsOptions options;

    public JobCatalog(IEnumerable<IPortalJob> jobs, IOptions<JobsOptions> options)
    {
        this.jobs = jobs.ToDictionary(j => j.Id, StringComparer.Ordinal);
        this.options = options.Value;
    }

    public IReadOnlyCollection<IPortalJob> All => jobs.Values;

    public IPortalJob? Find(string id) => jobs.GetValueOrDefault(id);

    /// <summary>The cron expression the job runs on, or null when it is switched off here.</summary>
    public string? ScheduleOf(IPortalJob job)
    {
        var schedule = options.Schedules.GetValueOrDefault(job.Id) ?? job.DefaultSchedule;
        return string.Equals(schedule, JobsOptions.Off, StringComparison.OrdinalIgnoreCase) ? null : schedule;
    }
}
