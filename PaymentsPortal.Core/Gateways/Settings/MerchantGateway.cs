using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>
/// One gateway in a merchant's chain: where it stands in the order, how long one attempt may take, and its
/// credentials, encrypted at rest with Data Protection. The secret is never shown again after entry; only
/// <see cref="SecretHint"/> (its last four characters) is.
/// </summary>
public sealed class MerchantGateway : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public GatewayKind Gateway { get; init; }

    /// <summary>1 is tried first.</summary>
    public int Priority { get; set; }

    public bool Enabled { get; set; } = true;

    public int AttemptTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Braintree's merchant id; for Stripe the publishable key (pk_…) that Stripe.js needs in the browser. Neither is secret,
    /// so it is stored in plain text and shown on the settings page.
    /// </summary>
    public string? AccountId { get; set; }

    /// <summary>Braintree's merchant account (the settlement currency); unused for Stripe.</summary>
    public string? MerchantAccountId { get; set; }

    public string ProtectedSecret { get; set; } = "";

    public string SecretHint { get; set; } = "";

    /// <summary>
    /// The secret the gateway signs its webhooks with, encrypted like <see cref="ProtectedSecret"/>: Stripe's endpoint secret
    /// (whsec_…). Null until an Admin enters it; Stripe's events are refused until then. Braintree signs with its API keys.
    /// </summary>
    public string? ProtectedWebhookSecret { get; set; }

    /// <summary>The last four characters of the webhook secret, the only part ever shown again.</summary>
    public string? WebhookSecretHint { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public TimeSpan AttemptTimeout => TimeSpan.FromMilliseconds(AttemptTimeoutMs);
}
