namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// What checks one merchant's webhooks from one provider: Stripe's endpoint secret, or Braintree's API key pair (Braintree
/// signs with the private key and names the public key). <see cref="MerchantIsLive"/> says whether the merchant's gateway
/// credentials are production ones, which decides whether a test-mode event is acceptable. Never logged: <see cref="ToString"/>
/// leaves the secret out.
/// </summary>
public sealed record WebhookSigningKey(WebhookProvider Provider, string Secret, string? PublicKey, bool MerchantIsLive)
{
    public override string ToString() => $"{Provider} webhook key ({(MerchantIsLive ? "live" : "test")}, public key {PublicKey ?? "-"})";
}
