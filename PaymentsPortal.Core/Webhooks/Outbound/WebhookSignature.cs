using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>
/// The signature on every delivery, in the header <see cref="Header"/>: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</c>,
/// where each v1 is HMAC-SHA256 keyed with an endpoint secret (its UTF-8 bytes, whsec_ included) over
/// <c>"{t}.{body}"</c>. During a rotation's grace period there is one v1 per secret, the new one first. A receiver checks that
/// one v1 matches a secret it holds, with a constant-time comparison, and that t is within its tolerance (we suggest 5 minutes)
/// so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "PaymentsPortal-Signature";
    public const string SecretPrefix = "whsec_";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new secret: whsec_ and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HeaderValue(long timestamp, string body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var builder = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            builder.Append(",v1=").Append(Compute(timestamp, body, secret));
        }

        return builder.ToString();
    }

    /// <summary>What a receiver does; the portal's own tests and the Sandbox receiver use it.</summary>
    public static bool IsValid(string? header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1")
            {
                candidates.Add(pair[1]);
            }
        }

        if (timestamp is not { } at || Math.Abs(now.ToUnixTimeSeconds() - at) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(at, body, secret));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c), expected));
    }

    private static string Compute(long timestamp, string body, string secret)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
