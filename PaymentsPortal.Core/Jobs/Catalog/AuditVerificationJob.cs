using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Search;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Walks every audit chain from its first kept entry and compares it with every signed checkpoint, each verdict recorded
/// on the chain it is about (6002). A broken chain is an alert: the run ends with errors, which the Jobs page and the
/// menu badge show to platform administrators, and the log gets a critical entry naming the chain and the first bad sequence.
/// </summary>
public sealed partial class AuditVerificationJob(IServiceScopeFactory scopes, AuditIntegrityCheck integrity, ILogger<AuditVerificationJob> logger) : IPortalJob
{
    private static readonly AuditActor Actor = AuditActor.System("job:audit-verification");

    public string Id => "audit-verification";

    public string Title => "Audit trail verification";

    public string Description =>
        "Every night, re-walks every audit chain (the platform's and each merchant's) and checks it against the signed checkpoints; a broken chain raises an alert.";

    public string DefaultSchedule => "30 2 * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        List<Guid> chains;
        await using (var scope = scopes.CreateForPlatform())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            chains = await db.AuditChainHeads.IgnoreQueryFilters().AsNoTracking().OrderBy(h => h.MerchantId).Select(h => h.MerchantId).ToListAsync(cancellationToken);
        }

        var broken = new List<string>();
        var done = 0;
        foreach (var chain in chains)
        {
            var verdict = await integrity.VerifyAsync(chain, Actor, AuditOrigin.None, null, cancellationToken);
            if (!verdict.IsIntact)
            {
                var name = AuditAccessLog.ChainName(chain);
                var at = verdict.Chain.FirstBadSequence ?? verdict.Checkpoints.FirstMismatchSequence;
                LogBroken(logger, name, at);
                broken.Add($"{name} (first bad sequence {at})");
            }

            await progress.ReportAsync(++done, chains.Count, cancellationToken);
        }

        return broken.Count == 0
            ? new JobResult(chains.Count, 0, $"{chains.Count} chain(s) intact.")
            : new JobResult(chains.Count, broken.Count, $"Broken: {string.Join("; ", broken)}.");
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit chain {Chain} failed verification; first bad sequence {Sequence}")]
    private static partial void LogBroken(ILogger logger, string chain, long? sequence);
}
