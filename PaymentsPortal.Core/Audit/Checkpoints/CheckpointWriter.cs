using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Takes a checkpoint: every chain's head read in one statement (one snapshot, so the heads are
/// mutually consistent and each matches its committed entries), a Merkle root over them, a signed
/// statement, all stored in one transaction. An advisory lock held to commit makes two instances take
/// turns; the loser skips rather than waits, since the winner's checkpoint serves both.
/// </summary>
internal sealed class CheckpointWriter(
    IServiceScopeFactory scopes, CheckpointSigningKeys keys, TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    internal const long CheckpointLock = 0x5050_4155_4350_5401;

    /// <summary>Takes a checkpoint unless one younger than <paramref name="minimumAge"/> exists (zero: always) or nothing changed.</summary>
    public async Task<CheckpointCreation> CreateAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taken first in READ COMMITTED, so every later statement sees whatever the previous holder committed.
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({CheckpointLock}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!locked)
        {
            return CheckpointCreation.Skipped(CheckpointOutcome.Busy);
        }

        var now = Microseconds.Truncate(clock.GetUtcNow());
        var last = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new { c.CreatedAt, c.Root })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is not null && now - last.CreatedAt < minimumAge)
        {
            return CheckpointCreation.Skipped(CheckpointOutcome.NotDue);
        }

        // Committed heads start at 1 (a head is inserted in its first append's transaction); 0 would be an empty chain.
        var heads = await db.AuditChainHeads.AsNoTracking().Where(h => h.LastSequence > 0).ToListAsync(cancellationToken);
        if (heads.Count == 0)
        {
            return CheckpointCreation.Skipped(CheckpointOutcome.NoChains);
        }

        heads.Sort((a, b) => CheckpointLeaves.CompareChains(a.MerchantId, b.MerchantId));
        var root = MerkleTree.Root(heads.Select(h => CheckpointLeaves.Hash(h.MerchantId, h.LastSequence, h.LastHash)).ToList());
        // Equal roots mean equal heads (SHA-256), so comparing roots is comparing every chain.
        if (last is not null && last.Root.AsSpan().SequenceEqual(root))
        {
            return CheckpointCreation.Skipped(CheckpointOutcome.Unchanged);
        }

        var key = await keys.EnsureActiveAsync(cancellationToken);
        // Stamped after the snapshot: everything the checkpoint covers was committed before its created_at.
        var createdAt = Microseconds.Truncate(clock.GetUtcNow());
        var statement = new CheckpointStatement(Guid.CreateVersion7(createdAt), createdAt, Convert.ToHexStringLower(root), heads.Count, key.Id);
        var checkpoint = new AuditCheckpoint
        {
            Id = statement.CheckpointId,
            CreatedAt = createdAt,
            Root = root,
            LeafCount = heads.Count,
            Statement = statement.ToText(),
            Signature = keys.Sign(key, statement.ToBytes()),
            KeyId = key.Id,
        };
        db.AuditCheckpoints.Add(checkpoint);
        db.AuditCheckpointLeaves.AddRange(heads.Select(h => new AuditCheckpointLeaf
        {
            CheckpointId = checkpoint.Id, ChainId = h.MerchantId, Sequence = h.LastSequence, HeadHash = h.LastHash,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        // A second witness outside the database: whoever rewrites the tables cannot rewrite shipped logs.
        logger.LogInformation(
            "Audit checkpoint {CheckpointId} created at {CreatedAt:O}: root {Root} over {LeafCount} chains, key {KeyId}, signature {Signature}",
            checkpoint.Id, checkpoint.CreatedAt, statement.RootHex, checkpoint.LeafCount, key.Id, Convert.ToBase64String(checkpoint.Signature));
        return new CheckpointCreation(CheckpointOutcome.Created,
            new CheckpointSummary(checkpoint.Id, checkpoint.CreatedAt, checkpoint.LeafCount, statement.RootHex, key.Id));
    }
}
