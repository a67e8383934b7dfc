using System.Security.Cryptography;

namespace PaymentsPortal.Core.Payments.Links;

/// <summary>
/// The public part of a link's URL: 128 random bits as base64url (22 characters, no padding). Nobody can find a link by
/// guessing or counting, and the slug reveals neither the merchant nor the link's id.
/// </summary>
public static class PaymentLinkSlug
{
    public const int Length = 22;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether <paramref name="slug"/> could be a slug at all, so a malformed URL never reaches the database.</summary>
    public static bool IsWellFormed(string? slug) =>
        slug is { Length: Length } && slug.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
