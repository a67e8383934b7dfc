namespace PaymentsPortal.Core.Audit;

/// <summary>
/// SHA-256 over the previous entry's hash and a canonical form of the entry. Every field is
/// length-prefixed, so no choice of values can make two different entries serialise alike.
/// </summary>
public static class AuditHasher
{
    public const int HashSize = 32;

    // One buffer per thread: appends and verification hash without allocating per entry.
    [ThreadStatic]
    private static AuditCanonicalForm? canonical;

    public static byte[] Compute(AuditEntry entry, byte[] previousHash)
    {
        var hash = new byte[HashSize];
        Compute(entry, previousHash, hash);
        return hash;
    }

    /// <summary>Writes the hash into <paramref name="destination"/> (32 bytes) instead of allocating it.</summary>
    public static void Compute(AuditEntry entry, ReadOnlySpan<byte> previousHash, Span<byte> destination)
    {
        var form = canonical ??= new AuditCanonicalForm();
        form.Begin(previousHash);
        form.AddFields(entry);
        form.HashTo(destination);
    }
}
