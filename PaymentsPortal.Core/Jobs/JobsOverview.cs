using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Jobs;

/// <summary>What the Jobs page shows: each job with its schedule, next run (Hangfire's), last and running run (the portal's history).</summary>
public sealed class JobsOverview(JobCatalog catalog, JobStorage storage, IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<JobOverview>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var latest = await db.JobRuns.AsNoTracking()
            .Where(r => r.Status != JobRunStatus.Running && r.Status != JobRunStatus.Skipped)
            .GroupBy(r => r.JobId)
            .Select(g => g.OrderByDescending(r => r.StartedAt).First())
            .ToDictionaryAsync(r => r.JobId, cancellationToken);
        var running = await db.JobRuns.AsNoTracking().Where(r => r.Status == JobRunStatus.Running)
            .OrderByDescending(r => r.StartedAt).ToListAsync(cancellationToken);
        var next = NextRuns();
        return [.. catalog.All.OrderBy(j => j.Title, StringComparer.Ordinal).Select(job => new JobOverview(
            job.Id, job.Title, job.Description, catalog.ScheduleOf(job), next.GetValueOrDefault(job.Id),
            latest.GetValueOrDefault(job.Id), running.FirstOrDefault(r => r.JobId == job.Id)))];
    }

    public async Task<IReadOnlyList<JobRun>> HistoryAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobId == jobId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Jobs whose last run failed or reported errors: what needs a platform administrator's eye.</summary>
    public async Task<int> AlertCountAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).Count(j => j.NeedsAttention);

    private Dictionary<string, DateTimeOffset> NextRuns()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([.. catalog.All.Select(j => j.Id)])
            .Where(r => r.NextExecution is not null)
            .ToDictionary(r => r.Id, r => new DateTimeOffset(DateTime.SpecifyKind(r.NextExecution!.Value, DateTimeKind.Utc)), StringComparer.Ordinal);
    }
}

public sealed record JobOverview(
    string Id, string Title, string Description, string? Schedule, DateTimeOffset? NextRun, JobRun? LastRun, JobRun? Running)
{
    public bool NeedsAttention => LastRun is { Status: JobRunStatus.Failed or JobRunStatus.CompletedWithErrors };
}
