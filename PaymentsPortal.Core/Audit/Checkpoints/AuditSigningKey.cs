namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// An ECDSA P-256 key that signs checkpoints. Keys are never deleted: a retired key still verifies the
/// checkpoints it signed. Only <see cref="RetiredAt"/> may change, once (a trigger enforces this).
/// </summary>
public sealed class AuditSigningKey
{
    public Guid Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>SubjectPublicKeyInfo in PEM ("BEGIN PUBLIC KEY"), as openssl reads it.</summary>
    public string PublicKeyPem { get; init; } = "";

    /// <summary>The PKCS#8 private key, encrypted by ASP.NET Core Data Protection; only the server can open it.</summary>
    public byte[] ProtectedPrivateKey { get; init; } = [];

    public DateTimeOffset? RetiredAt { get; set; }
}
