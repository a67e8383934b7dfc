namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// The heads of every chain at one moment, reduced to a Merkle root and signed. Append-only like the
/// audit entries: the application role may only insert and read, and a trigger rejects changes.
/// </summary>
public sealed class AuditCheckpoint
{
    public Guid Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public byte[] Root { get; init; } = [];

    public int LeafCount { get; init; }

    /// <summary>The exact text that was signed (see <see cref="CheckpointStatement"/>).</summary>
    public string Statement { get; init; } = "";

    /// <summary>ECDSA-SHA256 over the UTF-8 statement, DER-encoded (RFC 3279), as openssl writes and reads it.</summary>
    public byte[] Signature { get; init; } = [];

    public Guid KeyId { get; init; }
}
