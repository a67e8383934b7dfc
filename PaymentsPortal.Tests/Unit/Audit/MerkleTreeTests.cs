using System.Security.Cryptography;
using PaymentsPortal.Core.Audit.Checkpoints;

namespace PaymentsPortal.Tests.Unit.Audit;

[Trait("Tier", "Unit")]
public sealed class MerkleTreeTests
{
    // RFC 6962 test data from Certificate Transparency's reference implementation: leaf inputs and the
    // tree heads for sizes 1 to 8. Matching them shows our tree is the published one, not one like it.
    private static readonly string[] CtLeafInputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] CtRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Root_CertificateTransparencyVectors_Match(int size)
    {
        var leaves = CtLeafInputs.Take(size).Select(hex => CtLeafHash(Convert.FromHexString(hex))).ToList();

        Assert.Equal(CtRoots[size - 1], Convert.ToHexStringLower(MerkleTree.Root(leaves)));
    }

    [Fact]
    public void InclusionPath_CertificateTransparencyVector_Matches()
    {
        var leaves = CtLeafInputs.Select(hex => CtLeafHash(Convert.FromHexString(hex))).ToList();

        var path = MerkleTree.InclusionPath(leaves, 0);

        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            path.Select(s => Convert.ToHexStringLower(s.Hash)));
        Assert.All(path, s => Assert.Equal(MerkleSide.Right, s.Side));
    }

    [Fact]
    public void Root_HandBuiltTrees_SplitAtLargestPowerOfTwo()
    {
        var l = Enumerable.Range(0, 8).Select(i => SHA256.HashData([(byte)i])).ToArray();
        byte[] N(byte[] a, byte[] b) => MerkleTree.Node(a, b);

        Assert.Equal(l[0], MerkleTree.Root(l[..1]));
        Assert.Equal(N(l[0], l[1]), MerkleTree.Root(l[..2]));
        Assert.Equal(N(N(l[0], l[1]), l[2]), MerkleTree.Root(l[..3]));
        Assert.Equal(N(N(N(l[0], l[1]), N(l[2], l[3])), l[4]), MerkleTree.Root(l[..5]));
        Assert.Equal(N(N(N(l[0], l[1]), N(l[2], l[3])), N(N(l[4], l[5]), N(l[6], l[7]))), MerkleTree.Root(l));
    }

    [Fact]
    public void Node_IsSha256OfOnePrefixAndChildren()
    {
        byte[] left = [1, 2];
        byte[] right = [3];

        Assert.Equal(SHA256.HashData([0x01, 1, 2, 3]), MerkleTree.Node(left, right));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void InclusionPath_EveryLeaf_LeadsToTheRoot(int size)
    {
        var leaves = Leaves(size);
        var root = MerkleTree.Root(leaves);

        for (var i = 0; i < size; i++)
        {
            var path = MerkleTree.InclusionPath(leaves, i);
            Assert.Equal(root, MerkleTree.RootFromPath(leaves[i], path));
            Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, size, path, root));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void VerifyInclusion_TamperedLeaf_Fails(int size)
    {
        var leaves = Leaves(size);
        var root = MerkleTree.Root(leaves);

        for (var i = 0; i < size; i++)
        {
            var path = MerkleTree.InclusionPath(leaves, i);
            var tampered = (byte[])leaves[i].Clone();
            tampered[0] ^= 1;
            Assert.False(MerkleTree.VerifyInclusion(tampered, i, size, path, root));
            Assert.NotEqual(root, MerkleTree.RootFromPath(tampered, path));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void VerifyInclusion_TamperedPath_Fails(int size)
    {
        var leaves = Leaves(size);
        var root = MerkleTree.Root(leaves);

        for (var i = 0; i < size; i++)
        {
            var path = MerkleTree.InclusionPath(leaves, i);
            for (var step = 0; step < path.Count; step++)
            {
                var flipped = path.ToList();
                var hash = (byte[])path[step].Hash.Clone();
                hash[^1] ^= 0x80;
                flipped[step] = path[step] with { Hash = hash };
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, flipped, root));

                var swapped = path.ToList();
                swapped[step] = path[step] with { Side = path[step].Side == MerkleSide.Left ? MerkleSide.Right : MerkleSide.Left };
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, swapped, root));
            }

            Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, path.Take(path.Count - 1).ToList(), root));
            Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, [.. path, path[0]], root));
        }
    }

    [Fact]
    public void VerifyInclusion_WrongIndexOrSize_Fails()
    {
        var leaves = Leaves(5);
        var root = MerkleTree.Root(leaves);
        var path = MerkleTree.InclusionPath(leaves, 2);

        Assert.True(MerkleTree.VerifyInclusion(leaves[2], 2, 5, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[2], 3, 5, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[2], 2, 4, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[2], 5, 5, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaves[2], -1, 5, path, root));
    }

    [Fact]
    public void CheckpointLeaves_Hash_IsTheDocumentedByteLayout()
    {
        var chain = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var head = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = SHA256.HashData([
            0x00,
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
            0, 0, 0, 0, 0, 0, 0x01, 0x02,
            .. head,
        ]);

        Assert.Equal(expected, CheckpointLeaves.Hash(chain, 258, head));
    }

    [Fact]
    public void CheckpointLeaves_CompareChains_OrdersLikeTheTextForm()
    {
        // Guid.ToByteArray() (little-endian fields) would put 01000000-… before 00000001-…; the text form does not.
        string[] texts = ["01000000-0000-0000-0000-000000000000", "00000001-0000-0000-0000-000000000000", "ff000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000000"];
        var ids = texts.Select(Guid.Parse).ToList();

        ids.Sort(CheckpointLeaves.CompareChains);

        Assert.Equal(ids.Select(g => g.ToString()).Order(StringComparer.Ordinal), ids.Select(g => g.ToString()));
    }

    private static byte[] CtLeafHash(byte[] input) => SHA256.HashData([0x00, .. input]);

    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => CheckpointLeaves.Hash(Guid.NewGuid(), i + 1, SHA256.HashData([(byte)i]))).ToList();
}
