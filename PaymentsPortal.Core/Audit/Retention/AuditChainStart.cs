using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit.Retention;

/// <summary>
/// Where a chain begins now: at entry 1 with no previous hash, or, once retention removed its oldest
/// months, just after the last removed entry, linking to the hash that the retention record kept.
/// </summary>
public sealed record AuditChainStart(long FirstSequence, byte[] PreviousHash)
{
    public static AuditChainStart Origin { get; } = new(1, []);

    public static async Task<AuditChainStart> ForAsync(PortalDbContext db, Guid chain, CancellationToken cancellationToken = default)
    {
        var latest = await db.AuditRetentionRuns.AsNoTracking()
            .Where(r => r.MerchantId == chain)
            .OrderByDescending(r => r.RemovedThroughSequence)
            .Select(r => new { r.RemovedThroughSequence, r.AnchorHash })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? Origin : new AuditChainStart(latest.RemovedThroughSequence + 1, latest.AnchorHash);
    }
}
