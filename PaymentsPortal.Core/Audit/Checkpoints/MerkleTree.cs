using System.Numerics;
using System.Security.Cryptography;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 (Certificate Transparency) over leaf hashes that the caller has
/// already computed with a 0x00 prefix: an interior node is SHA-256(0x01 ‖ left ‖ right), and a list of
/// n &gt; 1 leaves splits at k, the largest power of two below n, so odd counts need no duplicated leaf.
/// Following a published scheme lets an auditor check our roots with tools we did not write.
/// </summary>
public static class MerkleTree
{
    public const byte NodePrefix = 0x01;

    /// <summary>MTH(D[n]). An empty tree is SHA-256 of nothing, as in RFC 6962; checkpoints are never empty.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) =>
        leafHashes.Count == 0 ? SHA256.HashData([]) : Subtree(leafHashes, 0, leafHashes.Count);

    /// <summary>PATH(m, D[n]): the sibling hashes from the leaf up to the root, each with the side it sits on.</summary>
    public static IReadOnlyList<MerkleStep> InclusionPath(IReadOnlyList<byte[]> leafHashes, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var path = new List<MerkleStep>();
        AddPath(leafHashes, 0, leafHashes.Count, index, path);
        return path;
    }

    /// <summary>Folds a path onto a leaf hash by the sides it names: what an auditor can redo by hand.</summary>
    public static byte[] RootFromPath(byte[] leafHash, IReadOnlyList<MerkleStep> path)
    {
        var hash = leafHash;
        foreach (var step in path)
        {
            hash = step.Side == MerkleSide.Left ? Node(step.Hash, hash) : Node(hash, step.Hash);
        }

        return hash;
    }

    /// <summary>
    /// RFC 9162 §2.1.3.2 inclusion verification from the leaf's index and the tree size, which fixes the
    /// shape of the path; the sides the path names must agree with that shape, so a proof cannot pass
    /// with a path that fits some other tree.
    /// </summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long treeSize, IReadOnlyList<MerkleStep> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= treeSize)
        {
            return false;
        }

        var fn = index;
        var sn = treeSize - 1;
        var hash = leafHash;
        foreach (var step in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                if (step.Side != MerkleSide.Left)
                {
                    return false;
                }

                hash = Node(step.Hash, hash);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                if (step.Side != MerkleSide.Right)
                {
                    return false;
                }

                hash = Node(hash, step.Hash);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && hash.AsSpan().SequenceEqual(root);
    }

    public static byte[] Node(byte[] left, byte[] right)
    {
        var buffer = new byte[1 + left.Length + right.Length];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer, 1);
        right.CopyTo(buffer, 1 + left.Length);
        return SHA256.HashData(buffer);
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = SplitPoint(count);
        return Node(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    // The deeper part of the path comes first, so the list runs from the leaf up to the root.
    private static void AddPath(IReadOnlyList<byte[]> leaves, int start, int count, int index, List<MerkleStep> path)
    {
        if (count <= 1)
        {
            return;
        }

        var k = SplitPoint(count);
        if (index < k)
        {
            AddPath(leaves, start, k, index, path);
            path.Add(new MerkleStep(MerkleSide.Right, Subtree(leaves, start + k, count - k)));
        }
        else
        {
            AddPath(leaves, start + k, count - k, index - k, path);
            path.Add(new MerkleStep(MerkleSide.Left, Subtree(leaves, start, k)));
        }
    }

    /// <summary>The largest power of two strictly below <paramref name="count"/> (count &gt; 1).</summary>
    private static int SplitPoint(int count) => 1 << BitOperations.Log2((uint)(count - 1));
}
