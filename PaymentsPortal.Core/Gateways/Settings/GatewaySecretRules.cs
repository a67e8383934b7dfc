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
}
