using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// How one chain's head becomes a Merkle leaf, and the order of the leaves. Both are part of what an
/// auditor recomputes, so they are fixed byte layouts rather than anything .NET-specific.
/// </summary>
public static class CheckpointLeaves
{
    public const byte LeafPrefix = 0x00;

    /// <summary>SHA-256(0x00 ‖ chain id, 16 bytes in RFC 4122 order ‖ sequence, 8 bytes big-endian ‖ head hash).</summary>
    public static byte[] Hash(Guid chain, long sequence, ReadOnlySpan<byte> headHash)
    {
        var buffer = new byte[1 + 16 + 8 + headHash.Length];
        buffer[0] = LeafPrefix;
        chain.TryWriteBytes(buffer.AsSpan(1, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(17, 8), sequence);
        headHash.CopyTo(buffer.AsSpan(25));
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// Leaves are sorted by the chain id's 16 bytes in RFC 4122 order: the order of the lower-case text form
    /// and of PostgreSQL's uuid type. Compared as bytes, so the rule is the documented one rather than
    /// whatever a platform's Guid comparison happens to do (SQL Server's, for one, differs).
    /// </summary>
    public static int CompareChains(Guid a, Guid b)
    {
        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        a.TryWriteBytes(left, bigEndian: true, out _);
        b.TryWriteBytes(right, bigEndian: true, out _);
        return left.SequenceCompareTo(right);
    }
}
