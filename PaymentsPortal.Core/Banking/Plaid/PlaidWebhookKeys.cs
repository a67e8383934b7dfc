namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>The reply of /webhook_verification_key/get.</summary>
public sealed record PlaidWebhookKeyResponse(PlaidWebhookVerificationKey Key, string RequestId);

/// <summary>
/// The public key (a JWK) that signs Plaid's webhooks. <see cref="X"/> and <see cref="Y"/> are the base64url P-256
/// point; <see cref="CreatedAt"/> and <see cref="ExpiredAt"/> are Unix seconds, and a key with an
/// <see cref="ExpiredAt"/> in the past must no longer be trusted.
/// </summary>
public sealed record PlaidWebhookVerificationKey(
    string Alg,
    string Crv,
    string Kid,
    string Kty,
    string Use,
    string X,
    string Y,
    long CreatedAt,
    long? ExpiredAt);
