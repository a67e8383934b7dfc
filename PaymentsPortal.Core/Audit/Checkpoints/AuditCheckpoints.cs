using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// The checkpoint API: take checkpoints, export proofs, compare a chain with its checkpoints, list them,
/// publish and rotate the signing key. Platform-level: callers check the user's permission first.
/// </summary>
public sealed class AuditCheckpoints
{
    private readonly CheckpointWriter writer;
    private readonly CheckpointProofs proofs;
    private readonly CheckpointSigningKeys keys;

    internal AuditCheckpoints(CheckpointWriter writer, CheckpointProofs proofs, CheckpointSigningKeys keys)
    {
        this.writer = writer;
        this.proofs = proofs;
        this.keys = keys;
    }

    /// <summary>Takes a checkpoint now, unless no chain changed since the last one.</summary>
    public Task<CheckpointCreation> CreateAsync(CancellationToken cancellationToken = default) =>
        writer.CreateAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Takes a checkpoint unless the last one is younger than <paramref name="minimumAge"/>, nothing changed,
    /// or another instance is taking one: what the schedule calls on every instance.
    /// </summary>
    public Task<CheckpointCreation> CreateIfDueAsync(TimeSpan minimumAge, CancellationToken cancellationToken = default) =>
        writer.CreateAsync(minimumAge, cancellationToken);

    /// <summary>The latest checkpoint that includes <paramref name="chain"/>, as a self-contained proof; null if none does yet.</summary>
    public Task<CheckpointProof?> ProofForAsync(Guid chain, CancellationToken cancellationToken = default) =>
        proofs.ProofForAsync(chain, cancellationToken);

    /// <summary>
    /// For every checkpoint leaf of <paramref name="chain"/>, the entry at that sequence must still have that
    /// hash, and the checkpoint must still verify; the first mismatching sequence is reported. Static, like
    /// <see cref="AuditVerifier"/>: it reads through the caller's context and needs nothing else.
    /// </summary>
    public static Task<CheckpointVerification> VerifyChainAgainstCheckpointsAsync(PortalDbContext db, Guid chain, CancellationToken cancellationToken = default) =>
        CheckpointConsistency.VerifyChainAsync(db, chain, cancellationToken);

    /// <summary>Newest first; pass the last row's <c>CreatedAt</c> as <paramref name="before"/> for the next page.</summary>
    public Task<IReadOnlyList<CheckpointSummary>> ListAsync(int limit = 50, DateTimeOffset? before = null, CancellationToken cancellationToken = default) =>
        proofs.ListAsync(Math.Clamp(limit, 1, 500), before, cancellationToken);

    /// <summary>The key that signs new checkpoints (created on first use), to publish to auditors out of band.</summary>
    public async Task<CheckpointPublicKey> ActivePublicKeyAsync(CancellationToken cancellationToken = default)
    {
        var key = await keys.EnsureActiveAsync(cancellationToken);
        return new CheckpointPublicKey(key.Id, key.CreatedAt, key.RetiredAt, key.PublicKeyPem);
    }

    /// <summary>Every signing key, newest first, retired ones included: each still verifies what it signed.</summary>
    public Task<IReadOnlyList<CheckpointPublicKey>> PublicKeysAsync(CancellationToken cancellationToken = default) =>
        proofs.PublicKeysAsync(cancellationToken);

    /// <summary>Retires the active key and starts signing with a new one; recorded on the platform chain.</summary>
    public async Task<CheckpointPublicKey> RotateSigningKeyAsync(AuditActor actor, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var key = await keys.RotateAsync(actor, origin, cancellationToken);
        return new CheckpointPublicKey(key.Id, key.CreatedAt, key.RetiredAt, key.PublicKeyPem);
    }
}
