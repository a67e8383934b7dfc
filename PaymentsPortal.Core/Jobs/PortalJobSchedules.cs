using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// Makes Hangfire's recurring jobs match the catalog: every job on its schedule, switched-off and retired ones removed.
/// Every instance does this at start-up; Hangfire's storage makes the writes safe to repeat and to race.
/// </summary>
public sealed partial class PortalJobSchedules(JobStorage storage, JobCatalog catalog, ILogger<PortalJobSchedules> logger)
{
    public void Apply()
    {
        var manager = new RecurringJobManager(storage);
        foreach (var job in catalog.All)
        {
            var id = job.Id;
            if (catalog.ScheduleOf(job) is { } cron)
            {
                manager.AddOrUpdate<JobRunner>(id, runner => runner.RunAsync(id, JobTrigger.Schedule, null, null, CancellationToken.None),
                    cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            else
            {
                manager.RemoveIfExists(id);
                LogOff(logger, id);
            }
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(r => catalog.Find(r.Id) is null))
        {
            manager.RemoveIfExists(stale.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is switched off here (Jobs:Schedules)")]
    private static partial void LogOff(ILogger logger, string jobId);
}
