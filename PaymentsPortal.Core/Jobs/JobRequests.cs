using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Jobs;

/// <summary>"Run now": a person asks for a run of a job outside its schedule. The request is audited, then queued.</summary>
public sealed class JobRequests(JobCatalog catalog, JobStorage storage, IServiceScopeFactory scopes, IAuditTrail trail)
{
    public async Task<CommandResult<string>> RunNowAsync(UserAccess access, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.Has(Permission.JobsManage) || access.UserId is not { } userId)
        {
            return CommandResult.Failure<string>("Your role cannot run jobs.");
        }

        if (catalog.Find(jobId) is null)
        {
            return CommandResult.Failure<string>("There is no such job.");
        }

        var by = access.AsActor();
        await using (var scope = scopes.CreateForPlatform())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await trail.AppendAsync(db, new AuditRecord(null, AuditAction.JobRunRequested, AuditOutcome.Success, by.Actor, "job", jobId,
                Origin: by.Origin), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        // After the audit commit: a request that cannot be queued is still on record as asked for, never a run without a record.
        var requester = new JobRequester(userId, by.DisplayName);
        var backgroundJobId = new BackgroundJobClient(storage).Enqueue<JobRunner>(
            runner => runner.RunAsync(jobId, JobTrigger.Manual, requester, null, CancellationToken.None));
        return CommandResult.Returning(backgroundJobId);
    }
}
