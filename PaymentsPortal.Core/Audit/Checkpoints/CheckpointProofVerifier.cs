using System.Text;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Verifies a proof with nothing but the proof (and, if the auditor has one from elsewhere, a pinned public
/// key): no database, no server secret. Every check is reported, so a failure says exactly what broke.
/// </summary>
public static class CheckpointProofVerifier
{
    public static ProofVerdict Verify(CheckpointProof proof, string? pinnedPublicKeyPem = null)
    {
        var checks = new List<ProofCheck>();
        void Check(bool passed, string what) => checks.Add(new ProofCheck(passed, what));

        Check(proof.Format == CheckpointProof.FormatV1, $"proof format is {CheckpointProof.FormatV1}");

        var publicKey = proof.PublicKeyPem;
        if (pinnedPublicKeyPem is not null)
        {
            var pinned = CheckpointSignatures.PublicKeyBytes(pinnedPublicKeyPem);
            var embedded = CheckpointSignatures.PublicKeyBytes(proof.PublicKeyPem);
            Check(pinned is not null, "the pinned public key is an ECDSA P-256 key");
            Check(pinned is not null && embedded is not null && pinned.AsSpan().SequenceEqual(embedded),
                "the proof's public key is the pinned key");
            publicKey = pinnedPublicKeyPem;
        }

        var statementBytes = Encoding.UTF8.GetBytes(proof.Statement);
        var signature = FromBase64(proof.Signature);
        Check(signature is not null && CheckpointSignatures.Verify(publicKey, statementBytes, signature),
            pinnedPublicKeyPem is null
                ? "the signature over the statement verifies with the proof's public key (ECDSA P-256, SHA-256)"
                : "the signature over the statement verifies with the pinned public key (ECDSA P-256, SHA-256)");

        var statement = CheckpointStatement.TryParse(proof.Statement);
        Check(statement is not null, "the statement is a well-formed v1 checkpoint statement");
        if (statement is not null)
        {
            Check(statement.CheckpointId == proof.CheckpointId && statement.KeyId == proof.KeyId
                    && statement.CreatedAt == proof.CreatedAt.ToUniversalTime(),
                "the statement names this proof's checkpoint id, time and key id");
            Check(statement.RootHex == proof.Root, "the proof's root is the signed root");
        }

        var headHash = FromSha256Hex(proof.Leaf.HeadHash);
        var path = proof.Path.Select(s => FromSha256Hex(s.Hash) is { } hash ? new MerkleStep(s.Side, hash) : null).ToList();
        var root = statement is null ? null : FromSha256Hex(statement.RootHex);
        var included = headHash is not null && root is not null && path.TrueForAll(s => s is not null)
            && MerkleTree.VerifyInclusion(
                CheckpointLeaves.Hash(proof.Leaf.Chain, proof.Leaf.Sequence, headHash),
                proof.Leaf.Index, statement!.LeafCount, path!, root);
        Check(included, "the leaf and its Merkle path lead to the signed root");

        return new ProofVerdict(checks.TrueForAll(c => c.Passed), checks);
    }

    private static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Every hex value in a proof is a SHA-256 hash; lower-case only, as we write it, so a proof has one form.
    private static byte[]? FromSha256Hex(string text) =>
        text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') ? Convert.FromHexString(text) : null;
}

/// <summary>The outcome of verifying a proof: valid only when every check passed.</summary>
public sealed record ProofVerdict(bool IsValid, IReadOnlyList<ProofCheck> Checks);

public sealed record ProofCheck(bool Passed, string Description);
