namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// A recurring piece of work the portal does when no one is clicking. Hangfire runs a job at least once, and two
/// instances may run the same job around the same time, so every run must be idempotent and safe alongside another:
/// implementations call services that claim their work under row locks, leases or advisory locks.
/// </summary>
public interface IPortalJob
{
    /// <summary>Stable: it names the recurring job in Hangfire, the run history and the audit trail.</summary>
    string Id { get; }

    string Title { get; }

    string Description { get; }

    /// <summary>Cron, in UTC.</summary>
    string DefaultSchedule { get; }

    Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken);
}

/// <param name="ItemsProcessed">What the run handled (payments looked up, grants expired, days rolled up…).</param>
/// <param name="Errors">Items it could not handle, or problems it found; more than zero raises an alert on the Jobs page.</param>
/// <param name="Summary">One line for people, written by the job (never an exception's text, which may hold anything).</param>
public sealed record JobResult(int ItemsProcessed, int Errors = 0, string? Summary = null)
{
    public static JobResult Nothing { get; } = new(0);
}
