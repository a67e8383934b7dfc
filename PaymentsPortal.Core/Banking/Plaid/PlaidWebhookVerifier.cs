using System.Globalization;
using System.Security.Cryptography;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// Verifies that a webhook came from Plaid, following Plaid's documented steps: the Plaid-Verification header is a JWT
/// signed with ES256 by a key Plaid names by kid; it was issued at most five minutes ago; and its request_body_sha256
/// is the SHA-256 of the exact bytes received. Pass the raw body, before any JSON parsing or re-encoding.
/// </summary>
public sealed class PlaidWebhookVerifier(PlaidWebhookKeyCache keys, TimeProvider time)
{
    public const string HeaderName = "Plaid-Verification";

    /// <summary>Plaid's limit on the age of a token: older ones may be replays.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead of our clock an iat may be: clocks drift, but not by minutes.</summary>
    public static readonly TimeSpan AllowedFutureSkew = TimeSpan.FromSeconds(30);

    public async Task<PlaidWebhookVerification> VerifyAsync(string? verificationHeader, ReadOnlyMemory<byte> rawBody, CancellationToken cancellationToken)
    {
        if (!PlaidJws.TryParse(verificationHeader, out var jws, out var problem))
        {
            return Fail(PlaidWebhookVerificationStatus.Malformed, problem);
        }

        // Checked before the key is looked at, and by exact match: "none", HS256 (a public key used as an HMAC secret)
        // and every other algorithm are refused however the rest of the token looks.
        if (!string.Equals(jws.Algorithm, "ES256", StringComparison.Ordinal))
        {
            return Fail(PlaidWebhookVerificationStatus.WrongAlgorithm, $"The token's alg is '{PlaidJws.Printable(jws.Algorithm)}', not ES256.");
        }

        // ES256 signatures are the raw r||s pair, 32 bytes each (RFC 7518 3.4), not DER.
        if (jws.Signature.Length != 64)
        {
            return Fail(PlaidWebhookVerificationStatus.BadSignature, "The signature is not 64 bytes.");
        }

        var key = await keys.GetAsync(jws.KeyId, cancellationToken).ConfigureAwait(false);
        if (key.Failure is { } failure)
        {
            return failure;
        }

        using (var ecdsa = ECDsa.Create(key.Parameters!.Value))
        {
            if (!ecdsa.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return Fail(PlaidWebhookVerificationStatus.BadSignature, "The signature does not match Plaid's key.");
            }
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(jws.IssuedAt, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        var age = time.GetUtcNow() - issuedAt;
        if (age > MaxAge || age < -AllowedFutureSkew)
        {
            return Fail(PlaidWebhookVerificationStatus.Stale, string.Create(CultureInfo.InvariantCulture,
                $"The token was issued at {issuedAt:O}, {age.TotalSeconds:0} s from now; at most {MaxAge.TotalSeconds:0} s are allowed."));
        }

        return BodyMatches(jws.BodySha256, rawBody.Span)
            ? PlaidWebhookVerification.Verified
            : Fail(PlaidWebhookVerificationStatus.BodyMismatch, "The body's SHA-256 is not the request_body_sha256 that was signed.");
    }

    // Compared as bytes in constant time, so the time taken says nothing about how much of the hash matched.
    private static bool BodyMatches(string claimedHex, ReadOnlySpan<byte> body)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, actual);
        Span<byte> claimed = stackalloc byte[SHA256.HashSizeInBytes];
        var decoded = claimedHex.Length == SHA256.HashSizeInBytes * 2
            && Convert.FromHexString(claimedHex, claimed, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == SHA256.HashSizeInBytes;
        return CryptographicOperations.FixedTimeEquals(actual, claimed) && decoded;
    }

    private static PlaidWebhookVerification Fail(PlaidWebhookVerificationStatus status, string reason) => PlaidWebhookVerification.Fail(status, reason);
}
