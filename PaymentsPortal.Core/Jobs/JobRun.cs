namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// One run of a job, on whichever instance ran it: what the Jobs page shows. Written when the run starts and again when it
/// ends, so a run that is under way (and its progress) is visible, and one whose process died is found and marked.
/// </summary>
public sealed class JobRun
{
    public Guid Id { get; init; }

    public string JobId { get; init; } = "";

    public JobTrigger Trigger { get; init; }

    public Guid? RequestedByUserId { get; init; }

    public string? RequestedByName { get; init; }

    /// <summary>Hangfire's id of the background job this run belongs to; a retried job has several runs.</summary>
    public string? BackgroundJobId { get; init; }

    /// <summary>0 for the first try, then Hangfire's retry count.</summary>
    public int Attempt { get; init; }

    public string Instance { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public JobRunStatus Status { get; set; }

    public int ItemsProcessed { get; set; }

    public int Errors { get; set; }

    public string? Summary { get; set; }

    public long ProgressDone { get; set; }

    public long? ProgressTotal { get; set; }
}

public enum JobRunStatus
{
    Running = 1,
    Succeeded = 2,

    /// <summary>The run finished but reported errors (items it could not handle, or a problem it found, such as a broken audit chain).</summary>
    CompletedWithErrors = 3,

    /// <summary>The run threw; Hangfire retries it.</summary>
    Failed = 4,

    /// <summary>Another run of the same job held its lock, so this one did nothing.</summary>
    Skipped = 5,

    /// <summary>The instance stopped (or died) while the run was under way; the next run picks the work up.</summary>
    Interrupted = 6,
}

public enum JobTrigger
{
    Schedule = 1,
    Manual = 2,
}
