namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>Why a Plaid webhook was or was not accepted.</summary>
public enum PlaidWebhookVerificationStatus
{
    Verified,

    /// <summary>No Plaid-Verification header, or not a compact JWS with the claims Plaid sends.</summary>
    Malformed,

    /// <summary>The header's alg is not ES256 (none, HS256 and the rest are refused before any key is looked at).</summary>
    WrongAlgorithm,

    /// <summary>Plaid has no key with the token's kid.</summary>
    UnknownKey,

    /// <summary>The key exists but Plaid has expired it.</summary>
    KeyExpired,

    /// <summary>The key could not be fetched from Plaid (or was not a P-256 key): the webhook was not judged either way.</summary>
    KeyFetchFailed,

    /// <summary>The signature does not match the key.</summary>
    BadSignature,

    /// <summary>iat is more than five minutes old, or too far in the future: possibly a replay.</summary>
    Stale,

    /// <summary>The body is not the one that was signed (request_body_sha256 differs).</summary>
    BodyMismatch,
}

/// <summary>
/// The verdict on one webhook. <see cref="CouldNotVerify"/> is not a verdict on the webhook: answer so that Plaid
/// delivers it again later (a 5xx), rather than dropping it as forged. Every other failure is a rejection.
/// </summary>
/// <param name="Reason">For logs: what failed, without the token or the body.</param>
public sealed record PlaidWebhookVerification(PlaidWebhookVerificationStatus Status, string Reason)
{
    public bool IsVerified => Status == PlaidWebhookVerificationStatus.Verified;

    public bool CouldNotVerify => Status == PlaidWebhookVerificationStatus.KeyFetchFailed;

    internal static PlaidWebhookVerification Verified { get; } = new(PlaidWebhookVerificationStatus.Verified, "Verified.");

    internal static PlaidWebhookVerification Fail(PlaidWebhookVerificationStatus status, string reason) => new(status, reason);
}
