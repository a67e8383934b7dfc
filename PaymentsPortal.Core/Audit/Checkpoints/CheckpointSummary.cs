namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>One row of the checkpoint list.</summary>
public sealed record CheckpointSummary(Guid Id, DateTimeOffset CreatedAt, int LeafCount, string RootHex, Guid KeyId);

/// <summary>A signing key's public half, for publishing to auditors out of band.</summary>
public sealed record CheckpointPublicKey(Guid KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string PublicKeyPem);
