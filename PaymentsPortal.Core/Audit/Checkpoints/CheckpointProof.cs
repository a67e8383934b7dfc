using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Everything an auditor needs, offline, to check that one chain's head was part of a signed checkpoint:
/// the signed statement and its signature, the public key, the leaf and its Merkle path to the root.
/// Hashes are lower-case hex, the signature base64 of its DER encoding.
/// </summary>
public sealed record CheckpointProof(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("checkpoint_id")] Guid CheckpointId,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("statement")] string Statement,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("key_id")] Guid KeyId,
    [property: JsonPropertyName("public_key_pem")] string PublicKeyPem,
    [property: JsonPropertyName("leaf")] CheckpointProofLeaf Leaf,
    [property: JsonPropertyName("path")] IReadOnlyList<CheckpointProofStep> Path,
    [property: JsonPropertyName("root")] string Root)
{
    public const string FormatV1 = "paymentsportal.audit-checkpoint-proof.v1";

    // Strict on reading: a proof missing a field is malformed, not a proof with an empty value.
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // A proof is a file for people and tools, never embedded in HTML: keep '+' in base64 readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <exception cref="JsonException">The text is not a complete proof.</exception>
    public static CheckpointProof FromJson(string json) =>
        JsonSerializer.Deserialize<CheckpointProof>(json, Options) ?? throw new JsonException("The proof is null.");
}

/// <summary>The chain's head as the checkpoint recorded it, and its position among the sorted leaves.</summary>
public sealed record CheckpointProofLeaf(
    [property: JsonPropertyName("chain")] Guid Chain,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("head_hash")] string HeadHash,
    [property: JsonPropertyName("index")] int Index);

/// <summary>A sibling hash on the path from the leaf to the root (leaf end first).</summary>
public sealed record CheckpointProofStep(
    [property: JsonPropertyName("side")] MerkleSide Side,
    [property: JsonPropertyName("hash")] string Hash);
