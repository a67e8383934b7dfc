using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// SHA-256 over the previous entry's hash and a canonical form of the entry. Every field is
/// length-prefixed, so no choice of values can make two different entries serialise alike.
/// </summary>
public static class AuditHasher
{
    private const string Version = "v1";

    public static byte[] Compute(AuditEntry entry, byte[] previousHash)
    {
        var canonical = new StringBuilder();
        Append(canonical, Version);
        Append(canonical, entry.MerchantId.ToString("D"));
        Append(canonical, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(canonical, entry.Id.ToString("D"));
        Append(canonical, entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(canonical, ((int)entry.ActorType).ToString(CultureInfo.InvariantCulture));
        Append(canonical, entry.ActorId);
        Append(canonical, entry.ActorName);
        Append(canonical, ((int)entry.Action).ToString(CultureInfo.InvariantCulture));
        Append(canonical, entry.TargetType);
        Append(canonical, entry.TargetId);
        Append(canonical, ((int)entry.Outcome).ToString(CultureInfo.InvariantCulture));
        Append(canonical, entry.IpAddress);
        Append(canonical, entry.UserAgent);
        Append(canonical, entry.Reason);
        Append(canonical, entry.Details);

        var content = Encoding.UTF8.GetBytes(canonical.ToString());
        var buffer = new byte[previousHash.Length + content.Length];
        previousHash.CopyTo(buffer, 0);
        content.CopyTo(buffer, previousHash.Length);
        return SHA256.HashData(buffer);
    }

    // Null and empty differ ("-" versus "0:"), so a removed value cannot pass for an empty one.
    private static void Append(StringBuilder builder, string? value) =>
        builder.Append(value is null ? "-" : $"{value.Length.ToString(CultureInfo.InvariantCulture)}:{value}").Append('|');
}
