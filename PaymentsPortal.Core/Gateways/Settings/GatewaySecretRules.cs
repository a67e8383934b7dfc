namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>Checks that a secret has the shape its gateway issues, so a key pasted into the wrong field is caught at once.</summary>
public static class GatewaySecretRules
{
    public const int MinTimeoutMs = 100;
    public const int MaxTimeoutMs = 60_000;

    /// <summary>Null when the secret looks right, otherwise why not (without echoing the secret).</summary>
    public static string? Problem(GatewayKind gateway, string secret) => gateway switch
    {
        // Stripe secret keys and restricted keys; publishable keys (pk_) cannot charge and are refused.
        GatewayKind.Stripe when secret.StartsWith("pk_", StringComparison.Ordinal) =>
            "That is a publishable key (pk_…). Enter the secret key (sk_…) or a restricted key (rk_…).",
        GatewayKind.Stripe when !(secret.StartsWith("sk_", StringComparison.Ordinal) || secret.StartsWith("rk_", StringComparison.Ordinal)) || secret.Any(char.IsWhiteSpace) =>
            "A Stripe secret key starts with sk_live_, sk_test_ or rk_ and has no spaces.",
        GatewayKind.Braintree when secret.Split(':') is not [{ Length: > 0 } publicKey, { Length: > 0 } privateKey] || secret.Any(char.IsWhiteSpace) =>
            "Enter Braintree's keys as public_key:private_key, without spaces.",
        _ => null,
    };

    /// <summary>
    /// Null when <paramref name="accountId"/> is acceptable as the gateway's account id. For Stripe it is the publishable key
    /// that Stripe.js uses in the browser: shown in plain text and sent to every checkout, so a secret key pasted here by
    /// mistake is refused rather than published.
    /// </summary>
    public static string? AccountIdProblem(GatewayKind gateway, string? accountId) => gateway switch
    {
        _ when string.IsNullOrEmpty(accountId) => null,
        GatewayKind.Stripe when accountId.StartsWith("sk_", StringComparison.Ordinal) || accountId.StartsWith("rk_", StringComparison.Ordinal) =>
            "That is a secret key, which must never be entered in this field: it is shown and sent to browsers. Enter the publishable key (pk_…).",
        GatewayKind.Stripe when !accountId.StartsWith("pk_", StringComparison.Ordinal) || accountId.Any(char.IsWhiteSpace) =>
            "Stripe's publishable key starts with pk_live_ or pk_test_ and has no spaces.",
        _ => null,
    };
}
