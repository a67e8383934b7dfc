using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Search;

/// <summary>
/// Reads one chain for the compliance workspace: keyset-paged lists (never OFFSET, so page 1,000 costs
/// what page 1 does) and single entries with their chain links. Callers decide who may read which chain.
/// </summary>
public sealed class AuditSearch(IServiceScopeFactory scopes)
{
    public const int MaxPageSize = 200;

    /// <summary>Newest first. Pass <paramref name="olderThan"/> for the next page, <paramref name="newerThan"/> for the previous one.</summary>
    public async Task<AuditPage> PageAsync(
        Guid chain, AuditFilter filter, int size, long? olderThan = null, long? newerThan = null, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        await using var scope = Scope(chain);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entries = AuditQueryable.Chain(db, chain).Apply(filter);

        List<AuditEntryRow> rows;
        if (newerThan is { } newer)
        {
            rows = await Project(entries.Where(e => e.Sequence > newer).OrderBy(e => e.Sequence).Take(size + 1)).ToListAsync(cancellationToken);
            var more = rows.Count > size;
            rows = [.. rows.Take(size).Reverse()];
            return new AuditPage(rows, HasOlder: rows.Count > 0, HasNewer: more);
        }

        var page = olderThan is { } older ? entries.Where(e => e.Sequence < older) : entries;
        rows = await Project(page.OrderByDescending(e => e.Sequence).Take(size + 1)).ToListAsync(cancellationToken);
        var hasOlder = rows.Count > size;
        return new AuditPage([.. rows.Take(size)], hasOlder, HasNewer: olderThan is not null && rows.Count > 0);
    }

    /// <summary>One entry with everything stored about it, including its hash and the one it links to.</summary>
    public async Task<AuditEntry?> FindAsync(Guid chain, long sequence, CancellationToken cancellationToken = default)
    {
        await using var scope = Scope(chain);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await AuditQueryable.Chain(db, chain).SingleOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);
    }

    /// <summary>The chain's length now, for the workspace header and the verification progress.</summary>
    public async Task<long> HeadSequenceAsync(Guid chain, CancellationToken cancellationToken = default)
    {
        await using var scope = Scope(chain);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditChainHeads.AsNoTracking().Where(h => h.MerchantId == chain).Select(h => h.LastSequence)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private AsyncServiceScope Scope(Guid chain) =>
        chain == AuditEntry.PlatformChain ? scopes.CreateForPlatform() : scopes.CreateForMerchant(chain);

    private static IQueryable<AuditEntryRow> Project(IQueryable<AuditEntry> entries) =>
        entries.Select(e => new AuditEntryRow(e.Sequence, e.Id, e.OccurredAt, e.ActorType, e.ActorId, e.ActorName, e.Action,
            e.TargetType, e.TargetId, e.Outcome, e.IpAddress, e.Reason));
}
