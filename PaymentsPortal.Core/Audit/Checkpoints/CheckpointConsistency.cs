using System.Text;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit.Retention;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Catches what the hash chain alone cannot: a chain rewritten from some entry on with every hash
/// recomputed is internally valid, but its entries no longer have the hashes the checkpoints recorded.
/// The checkpoints used are themselves checked (signature, statement, root over their leaves), so the
/// recorded heads cannot have been rewritten along with the chain without the signing key.
/// </summary>
internal static class CheckpointConsistency
{
    public static async Task<CheckpointVerification> VerifyChainAsync(PortalDbContext db, Guid chain, CancellationToken cancellationToken)
    {
        var leaves = await (
                from leaf in db.AuditCheckpointLeaves
                join c in db.AuditCheckpoints on leaf.CheckpointId equals c.Id
                where leaf.ChainId == chain
                select new RecordedHead(leaf.Sequence, leaf.HeadHash, c.Id, c.CreatedAt))
            .AsNoTracking().ToListAsync(cancellationToken);

        // Successive checkpoints repeat a head until the chain moves; one check per distinct head is enough,
        // against the latest checkpoint that recorded it.
        // Heads older than what retention removed were pinned by then; the last removed entry's hash survives
        // in the retention record, so a head recorded exactly there is still checked against it.
        var start = await AuditChainStart.ForAsync(db, chain, cancellationToken);
        var distinct = leaves
            .Where(l => l.Sequence >= start.FirstSequence - 1)
            .GroupBy(l => (l.Sequence, Convert.ToHexString(l.HeadHash)))
            .Select(g => g.MaxBy(l => (l.CreatedAt, l.CheckpointId))!)
            .OrderBy(l => l.Sequence)
            .ToList();
        var sequences = distinct.Select(l => l.Sequence).Distinct().ToArray();
        // The chain is named explicitly (the platform chain belongs to no merchant), so the tenant filter is lifted on purpose.
        var entries = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.MerchantId == chain && sequences.Contains(e.Sequence))
            .Select(e => new { e.Sequence, e.Hash })
            .ToDictionaryAsync(e => e.Sequence, e => e.Hash, cancellationToken);
        if (start.FirstSequence > 1)
        {
            entries[start.FirstSequence - 1] = start.PreviousHash;
        }

        long? confirmed = null;
        var checkedCheckpoints = new Dictionary<Guid, string?>();
        foreach (var head in distinct)
        {
            string? problem;
            if (!entries.TryGetValue(head.Sequence, out var hash))
            {
                problem = $"entry {head.Sequence}, the head checkpoint {head.CheckpointId} recorded, is missing: the chain was cut";
            }
            else if (!hash.AsSpan().SequenceEqual(head.HeadHash))
            {
                problem = $"entry {head.Sequence} no longer has the hash checkpoint {head.CheckpointId} recorded: the chain was rewritten " +
                    (confirmed is { } c ? $"after entry {c}" : "from its start") + $" up to entry {head.Sequence}";
            }
            else
            {
                if (!checkedCheckpoints.TryGetValue(head.CheckpointId, out problem))
                {
                    problem = await CheckpointProblemAsync(db, head.CheckpointId, cancellationToken);
                    checkedCheckpoints[head.CheckpointId] = problem;
                }
            }

            if (problem is not null)
            {
                return CheckpointVerification.Mismatch(leaves.Count, head.Sequence, confirmed, head.CheckpointId, problem);
            }

            confirmed = head.Sequence;
        }

        return CheckpointVerification.Consistent(leaves.Count, confirmed);
    }

    /// <summary>Whether a stored checkpoint is still what was signed: null when it is, otherwise what is wrong.</summary>
    private static async Task<string?> CheckpointProblemAsync(PortalDbContext db, Guid checkpointId, CancellationToken cancellationToken)
    {
        var checkpoint = await db.AuditCheckpoints.AsNoTracking().SingleAsync(c => c.Id == checkpointId, cancellationToken);
        var publicKey = await db.AuditSigningKeys.AsNoTracking().Where(k => k.Id == checkpoint.KeyId)
            .Select(k => k.PublicKeyPem).SingleOrDefaultAsync(cancellationToken);
        if (publicKey is null || !CheckpointSignatures.Verify(publicKey, Encoding.UTF8.GetBytes(checkpoint.Statement), checkpoint.Signature))
        {
            return $"checkpoint {checkpointId}'s signature does not verify with key {checkpoint.KeyId}";
        }

        var rootHex = Convert.ToHexStringLower(checkpoint.Root);
        if (CheckpointStatement.TryParse(checkpoint.Statement) is not { } statement
            || statement != new CheckpointStatement(checkpoint.Id, checkpoint.CreatedAt, rootHex, checkpoint.LeafCount, checkpoint.KeyId))
        {
            return $"checkpoint {checkpointId}'s stored fields differ from its signed statement";
        }

        var leaves = await db.AuditCheckpointLeaves.AsNoTracking().Where(l => l.CheckpointId == checkpointId).ToListAsync(cancellationToken);
        leaves.Sort((a, b) => CheckpointLeaves.CompareChains(a.ChainId, b.ChainId));
        var root = MerkleTree.Root(leaves.Select(l => CheckpointLeaves.Hash(l.ChainId, l.Sequence, l.HeadHash)).ToList());
        return leaves.Count == statement.LeafCount && root.AsSpan().SequenceEqual(checkpoint.Root)
            ? null
            : $"checkpoint {checkpointId}'s stored leaves no longer produce its signed root";
    }

    private sealed record RecordedHead(long Sequence, byte[] HeadHash, Guid CheckpointId, DateTimeOffset CreatedAt);
}
