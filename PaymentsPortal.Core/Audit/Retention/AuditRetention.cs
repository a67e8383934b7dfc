using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Retention;

/// <summary>
/// Removes whole expired months from each chain through the database's retention procedure, the only way
/// past the append-only trigger, and records each removal on the chain it shortened, in the same transaction.
/// </summary>
public sealed class AuditRetention(
    IServiceScopeFactory scopes, IAuditTrail trail, IOptions<AuditRetentionOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
{
    /// <summary>The first instant that is kept: the start of the month <c>Months</c> whole months before the current one.</summary>
    public static DateTimeOffset CutoffFor(DateTimeOffset now, int months)
    {
        var monthStart = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return monthStart.AddMonths(-Math.Max(months, AuditRetentionOptions.MinimumMonths));
    }

    public async Task<IReadOnlyList<AuditRetentionRun>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = CutoffFor(clock.GetUtcNow(), options.Value.Months);
        List<Guid> chains;
        await using (var scope = scopes.CreateForPlatform())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            chains = await db.AuditChainHeads.AsNoTracking().Select(h => h.MerchantId).ToListAsync(cancellationToken);
        }

        var runs = new List<AuditRetentionRun>();
        foreach (var chain in chains)
        {
            if (await ApplyAsync(chain, cutoff, cancellationToken) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    private async Task<AuditRetentionRun?> ApplyAsync(Guid chain, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var scope = chain == AuditEntry.PlatformChain ? scopes.CreateForPlatform() : scopes.CreateForMerchant(chain);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // The head's lock serialises this with appends and with a retention run on another app instance.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM audit_chain_heads WHERE merchant_id = {chain} FOR UPDATE", cancellationToken);
        // Whole segments only: everything before the first kept entry, and only if that is older than the cutoff.
        var entries = db.AuditEntries.IgnoreQueryFilters().Where(e => e.MerchantId == chain);
        var firstKept = await entries.Where(e => e.OccurredAt >= cutoff).MinAsync(e => (long?)e.Sequence, cancellationToken);
        var through = firstKept is { } kept ? kept - 1 : await entries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var alreadyRemoved = await db.AuditRetentionRuns.Where(r => r.MerchantId == chain).MaxAsync(r => (long?)r.RemovedThroughSequence, cancellationToken) ?? 0;
        if (through <= alreadyRemoved)
        {
            return null;
        }

        const string RemovedBy = "retention procedure";
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT audit_apply_retention({chain}, {through}, {cutoff}, {RemovedBy})", cancellationToken);
        var run = await db.AuditRetentionRuns.AsNoTracking()
            .Where(r => r.MerchantId == chain)
            .OrderByDescending(r => r.RemovedThroughSequence)
            .FirstAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(chain == AuditEntry.PlatformChain ? null : chain, AuditAction.AuditRetentionApplied,
            AuditOutcome.Success, AuditActor.System(RemovedBy), "audit_trail", chain == AuditEntry.PlatformChain ? "platform" : chain.ToString(), null,
            new { removed_from = run.RemovedFromSequence, removed_through = run.RemovedThroughSequence, removed = run.RemovedCount, cutoff, anchor_hash = Convert.ToHexStringLower(run.AnchorHash) }),
            cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Audit retention removed entries {From}–{Through} ({Count}) of chain {Chain}, all older than {Cutoff}.",
            run.RemovedFromSequence, run.RemovedThroughSequence, run.RemovedCount, chain, cutoff);
        return run;
    }
}
