using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Jobs;

/// <summary>
/// Writes the run history: the start, progress and end of each run, and the end's audit entry in the same transaction.
/// Jobs are platform work, so their entries go on the platform chain.
/// </summary>
public sealed class JobRunLog(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<JobRun> StartAsync(string jobId, JobRunContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        // Only the holder of the job's lock gets here, so a row still Running belongs to a process that died mid-run.
        await db.JobRuns.Where(r => r.JobId == jobId && r.Status == JobRunStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, JobRunStatus.Interrupted).SetProperty(r => r.FinishedAt, now), cancellationToken);
        var run = NewRun(jobId, context, now, JobRunStatus.Running);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Records that a run found the job already running elsewhere and did nothing.</summary>
    public async Task RecordSkippedAsync(string jobId, JobRunContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var run = NewRun(jobId, context, clock.GetUtcNow(), JobRunStatus.Skipped);
        run.FinishedAt = run.StartedAt;
        run.Summary = "Another run of this job was under way.";
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReportProgressAsync(Guid runId, long done, long? total, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.JobRuns.Where(r => r.Id == runId && r.Status == JobRunStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ProgressDone, done).SetProperty(r => r.ProgressTotal, total), cancellationToken);
    }

    /// <summary>
    /// Ends a run. Runs that changed something, found problems, failed or were asked for by a person are audited; a
    /// scheduled run that found nothing to do is only kept in the history, so a quiet minute-by-minute job does not
    /// bury the platform chain in entries that say nothing.
    /// </summary>
    public async Task FinishAsync(JobRun run, JobRunStatus status, JobResult result, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.JobRuns.Attach(run);
        run.Status = status;
        run.FinishedAt = clock.GetUtcNow();
        run.ItemsProcessed = result.ItemsProcessed;
        run.Errors = result.Errors;
        run.Summary = result.Summary is { Length: > 500 } text ? text[..500] : result.Summary;
        await db.SaveChangesAsync(cancellationToken);
        if (ShouldAudit(run))
        {
            var failed = status is JobRunStatus.Failed or JobRunStatus.Interrupted;
            await trail.AppendAsync(db, new AuditRecord(null, failed ? AuditAction.JobRunFailed : AuditAction.JobRunCompleted,
                failed || run.Errors > 0 ? AuditOutcome.Failure : AuditOutcome.Success,
                AuditActor.System("job:" + run.JobId), "job", run.JobId, null, new
                {
                    run_id = run.Id,
                    status = status.ToString(),
                    trigger = run.Trigger.ToString(),
                    attempt = run.Attempt,
                    items = run.ItemsProcessed,
                    errors = run.Errors,
                    summary = run.Summary,
                    started_at = run.StartedAt,
                    instance = run.Instance,
                }, AuditOrigin.None), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Forgets runs older than <paramref name="before"/>; their audit entries stay on the chain.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.JobRuns.Where(r => r.StartedAt < before && r.Status != JobRunStatus.Running).ExecuteDeleteAsync(cancellationToken);
    }

    private static bool ShouldAudit(JobRun run) =>
        run.Trigger == JobTrigger.Manual || run.Status != JobRunStatus.Succeeded || run.ItemsProcessed > 0 || run.Errors > 0;

    private static JobRun NewRun(string jobId, JobRunContext context, DateTimeOffset now, JobRunStatus status) => new()
    {
        Id = Guid.CreateVersion7(now),
        JobId = jobId,
        Trigger = context.Trigger,
        RequestedByUserId = context.RequestedBy?.UserId,
        RequestedByName = context.RequestedBy?.DisplayName,
        BackgroundJobId = context.BackgroundJobId,
        Attempt = context.Attempt,
        Instance = JobInstance.Name,
        StartedAt = now,
        Status = status,
    };
}

/// <summary>Who and what started a run.</summary>
public sealed record JobRunContext(JobTrigger Trigger, JobRequester? RequestedBy, string? BackgroundJobId, int Attempt);

/// <summary>The person who pressed "Run now"; stored with the run and kept in the background job's arguments.</summary>
public sealed record JobRequester(Guid UserId, string DisplayName);

/// <summary>Names this process in the run history, so a run can be traced to the instance that ran it.</summary>
public static class JobInstance
{
    public static string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
