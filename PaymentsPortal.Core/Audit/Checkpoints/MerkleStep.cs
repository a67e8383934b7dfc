using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>One sibling on the way from a leaf to the root.</summary>
public sealed record MerkleStep(MerkleSide Side, byte[] Hash);

/// <summary>Where the sibling sits: Left means node = H(0x01 ‖ sibling ‖ current), Right means H(0x01 ‖ current ‖ sibling).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MerkleSide>))]
public enum MerkleSide
{
    [JsonStringEnumMemberName("left")]
    Left,

    [JsonStringEnumMemberName("right")]
    Right,
}
