using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// What Hangfire calls for every portal job, scheduled or asked for. It takes the job's lock (so a manual run and a
/// scheduled one, or two instances, never overlap), records the run and its end, and lets Hangfire retry a run that threw.
/// </summary>
public sealed partial class JobRunner(
    JobCatalog catalog, JobRunLog log, IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRunner> logger)
{
    /// <summary>Retries after 15 s, 1 min and 5 min: a database blip heals, and a scheduled job's next turn is not far anyway.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [15, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("{0}")]
    public async Task RunAsync(string jobId, JobTrigger trigger, JobRequester? requestedBy, PerformContext? perform, CancellationToken cancellationToken)
    {
        if (catalog.Find(jobId) is not { } job)
        {
            // A recurring job left behind by an older version; start-up removes it, so this run has nothing to do.
            LogUnknownJob(logger, jobId);
            return;
        }

        var context = new JobRunContext(trigger, requestedBy, perform?.BackgroundJob.Id, perform?.GetJobParameter<int>("RetryCount") ?? 0);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (!await TryLockAsync(db, jobId, cancellationToken))
        {
            await log.RecordSkippedAsync(jobId, context, cancellationToken);
            return;
        }

        try
        {
            await RunLockedAsync(job, context, cancellationToken);
        }
        finally
        {
            await UnlockAsync(db, jobId);
        }
    }

    private async Task RunLockedAsync(IPortalJob job, JobRunContext context, CancellationToken cancellationToken)
    {
        var run = await log.StartAsync(job.Id, context, cancellationToken);
        var progress = new JobProgress((done, total, token) => log.ReportProgressAsync(run.Id, done, total, token), clock);
        JobResult result;
        try
        {
            result = await job.RunAsync(progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The instance is stopping: Hangfire puts the job back, and the next run continues the work.
            await log.FinishAsync(run, JobRunStatus.Interrupted, new JobResult((int)progress.Done, 0, "The instance stopped during the run."), CancellationToken.None);
            throw;
        }
        catch (Exception error)
        {
            LogFailed(logger, error, job.Id, context.Attempt);
            // The type only: an exception's message may carry anything, and the history is shown on a page.
            await log.FinishAsync(run, JobRunStatus.Failed,
                new JobResult((int)progress.Done, 1, $"Failed with {error.GetType().Name}; see the application log."), CancellationToken.None);
            throw;
        }

        var status = result.Errors > 0 ? JobRunStatus.CompletedWithErrors : JobRunStatus.Succeeded;
        await log.FinishAsync(run, status, result, CancellationToken.None);
        if (result.Errors > 0)
        {
            LogCompletedWithErrors(logger, job.Id, result.Errors, result.Summary);
        }
    }

    // A session lock on a connection of the run's own: held as long as the run, without an open transaction.
    private static async Task<bool> TryLockAsync(PortalDbContext db, string jobId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtextextended({"job:" + jobId}, 0)) AS \"Value\"")
            .SingleAsync(cancellationToken);

    private static async Task UnlockAsync(PortalDbContext db, string jobId) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock(hashtextextended({"job:" + jobId}, 0)) AS \"Value\"")
            .SingleAsync(CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is not in the catalog; the run does nothing")]
    private static partial void LogUnknownJob(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed (attempt {Attempt}); Hangfire retries it")]
    private static partial void LogFailed(ILogger logger, Exception error, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Job {JobId} reported {Errors} error(s): {Summary}")]
    private static partial void LogCompletedWithErrors(ILogger logger, string jobId, int errors, string? summary);
}
