namespace PaymentsPortal.Core.Jobs;

/// <summary>Where and how background jobs run (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this instance runs a Hangfire server. Every instance normally does; the storage makes each job run once.</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// The fallback poll of the queue. New jobs wake idle workers through PostgreSQL NOTIFY at once, so this only bounds
    /// how long a lost notification delays a job; a longer poll keeps an idle portal's database quiet.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often due recurring and delayed jobs are looked for: how late a scheduled run may start.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Per job id, a cron expression (UTC; five fields, or six with seconds) replacing the default, or <c>off</c>.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Job runs older than this are removed from the run history; their audit entries stay.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    public const string Off = "off";
}
