using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>Reads checkpoints back: inclusion proofs for exports, the list for the UI, and public keys.</summary>
internal sealed class CheckpointProofs(IServiceScopeFactory scopes)
{
    public async Task<CheckpointProof?> ProofForAsync(Guid chain, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var checkpoint = await (
                from leaf in db.AuditCheckpointLeaves
                join c in db.AuditCheckpoints on leaf.CheckpointId equals c.Id
                where leaf.ChainId == chain
                orderby c.CreatedAt descending, c.Id descending
                select c)
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }

        var leaves = await db.AuditCheckpointLeaves.AsNoTracking()
            .Where(l => l.CheckpointId == checkpoint.Id).ToListAsync(cancellationToken);
        leaves.Sort((a, b) => CheckpointLeaves.CompareChains(a.ChainId, b.ChainId));
        var index = leaves.FindIndex(l => l.ChainId == chain);
        var hashes = leaves.Select(l => CheckpointLeaves.Hash(l.ChainId, l.Sequence, l.HeadHash)).ToList();
        var key = await db.AuditSigningKeys.AsNoTracking().SingleAsync(k => k.Id == checkpoint.KeyId, cancellationToken);

        // The root is recomputed from the stored leaves, not copied from the row: if a leaf was altered,
        // the proof fails verification against the signed statement instead of hiding the change.
        return new CheckpointProof(
            CheckpointProof.FormatV1,
            checkpoint.Id,
            checkpoint.CreatedAt,
            checkpoint.Statement,
            Convert.ToBase64String(checkpoint.Signature),
            key.Id,
            key.PublicKeyPem,
            new CheckpointProofLeaf(chain, leaves[index].Sequence, Convert.ToHexStringLower(leaves[index].HeadHash), index),
            MerkleTree.InclusionPath(hashes, index).Select(s => new CheckpointProofStep(s.Side, Convert.ToHexStringLower(s.Hash))).ToList(),
            Convert.ToHexStringLower(MerkleTree.Root(hashes)));
    }

    public async Task<IReadOnlyList<CheckpointSummary>> ListAsync(int limit, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var query = db.AuditCheckpoints.AsNoTracking();
        if (before is { } cursor)
        {
            query = query.Where(c => c.CreatedAt < cursor);
        }

        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(limit)
            .Select(c => new { c.Id, c.CreatedAt, c.LeafCount, c.Root, c.KeyId })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new CheckpointSummary(c.Id, c.CreatedAt, c.LeafCount, Convert.ToHexStringLower(c.Root), c.KeyId)).ToList();
    }

    public async Task<IReadOnlyList<CheckpointPublicKey>> PublicKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Only public columns are read; the protected private key never leaves the key store.
        return await db.AuditSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new CheckpointPublicKey(k.Id, k.CreatedAt, k.RetiredAt, k.PublicKeyPem))
            .ToListAsync(cancellationToken);
    }
}
