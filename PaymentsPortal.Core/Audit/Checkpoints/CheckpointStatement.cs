using System.Globalization;
using System.Text;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// The text that is signed. Six lines, each ending in LF (the last one too), UTF-8, no other whitespace:
/// <code>
/// PaymentsPortal audit checkpoint v1
/// checkpoint: {checkpoint id, lower-case uuid}
/// created_at: {UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ}
/// root: {Merkle root, 64 lower-case hex digits}
/// leaves: {number of chains, decimal}
/// key: {signing key id, lower-case uuid}
/// </code>
/// Plain text so that `openssl dgst -verify` can check it as a file and a person can read what was signed.
/// </summary>
public sealed record CheckpointStatement(Guid CheckpointId, DateTimeOffset CreatedAt, string RootHex, int LeafCount, Guid KeyId)
{
    public const string Header = "PaymentsPortal audit checkpoint v1";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public string ToText() =>
        $"{Header}\n" +
        $"checkpoint: {CheckpointId:D}\n" +
        $"created_at: {CreatedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}\n" +
        $"root: {RootHex}\n" +
        $"leaves: {LeafCount.ToString(CultureInfo.InvariantCulture)}\n" +
        $"key: {KeyId:D}\n";

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToText());

    /// <summary>
    /// Accepts only the canonical form: a text is valid when it parses and serialises back to itself, so
    /// no two different texts can carry the same claim.
    /// </summary>
    public static CheckpointStatement? TryParse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length != 7 || lines[0] != Header || lines[6].Length != 0
            || !TryValue(lines[1], "checkpoint", out var id) || !Guid.TryParseExact(id, "D", out var checkpointId)
            || !TryValue(lines[2], "created_at", out var created)
            || !DateTime.TryParseExact(created, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var createdAt)
            || !TryValue(lines[3], "root", out var root) || root.Length != 64 || !root.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            || !TryValue(lines[4], "leaves", out var leaves)
            || !int.TryParse(leaves, NumberStyles.None, CultureInfo.InvariantCulture, out var leafCount)
            || !TryValue(lines[5], "key", out var key) || !Guid.TryParseExact(key, "D", out var keyId))
        {
            return null;
        }

        var statement = new CheckpointStatement(
            checkpointId, new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)), root, leafCount, keyId);
        return statement.ToText() == text ? statement : null;
    }

    private static bool TryValue(string line, string name, out string value)
    {
        var prefix = name + ": ";
        value = line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : "";
        return value.Length > 0;
    }
}
