using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Re-walks a chain from its first entry: an edited, deleted, reordered or inserted entry breaks the
/// sequence, a link or a hash, and the first bad sequence number is reported.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(PortalDbContext db, Guid chain, CancellationToken cancellationToken = default)
    {
        // The platform chain belongs to no merchant, so the tenant filter is lifted on purpose and the chain named explicitly.
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.MerchantId == chain)
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();

        // Retention may have removed the oldest whole months: the chain then starts at its recorded anchor.
        var start = await Retention.AuditChainStart.ForAsync(db, chain, cancellationToken);
        var expected = start.FirstSequence;
        var previous = start.PreviousHash;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expected)
            {
                return AuditVerification.Broken(expected - start.FirstSequence, expected, $"expected sequence {expected}, found {entry.Sequence}");
            }

            if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return AuditVerification.Broken(expected - start.FirstSequence, expected, "the link to the previous entry does not match");
            }

            var hash = AuditHasher.Compute(entry, previous);
            if (!entry.Hash.AsSpan().SequenceEqual(hash))
            {
                return AuditVerification.Broken(expected - start.FirstSequence, expected, "the entry's content does not match its hash");
            }

            previous = hash;
            expected++;
        }

        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.MerchantId == chain, cancellationToken);
        var last = expected - 1;
        var count = expected - start.FirstSequence;
        if (head is not null && (head.LastSequence != last || !head.LastHash.AsSpan().SequenceEqual(previous)))
        {
            // Entries were removed from the end: the head still remembers the longer chain.
            return AuditVerification.Broken(count, last + 1, $"the chain ends at {last} but its head records {head.LastSequence}");
        }

        return AuditVerification.Intact(count);
    }
}

/// <summary>The result of verifying one chain.</summary>
public sealed record AuditVerification(bool IsIntact, long VerifiedEntries, long? FirstBadSequence, string? Problem)
{
    public static AuditVerification Intact(long entries) => new(true, entries, null, null);

    public static AuditVerification Broken(long verified, long firstBad, string problem) => new(false, verified, firstBad, problem);
}
