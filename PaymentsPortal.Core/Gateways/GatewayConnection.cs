namespace PaymentsPortal.Core.Gateways;

/// <summary>
/// Everything an adapter needs to talk to one gateway for one merchant: where (the real API, or in Sandbox
/// mode the app's loopback simulator), with which credentials (decrypted only for the call), and how long
/// one attempt may take. The secret is never logged: <see cref="ToString"/> leaves it out.
/// </summary>
/// <param name="BaseAddress">The API's root, for example https://api.stripe.com or the simulator's http://127.0.0.1:port.</param>
/// <param name="AccountId">
/// Stripe: the publishable key for Stripe.js (the API calls do not use it); Braintree: the merchant id (the public key is part
/// of <paramref name="Secret"/>).
/// </param>
/// <param name="Secret">Stripe: the secret key (sk_…); Braintree: "public_key:private_key".</param>
/// <param name="MerchantAccountId">Braintree's merchant account (which currency settles); Stripe: unused.</param>
public sealed record GatewayConnection(GatewayKind Kind, Uri BaseAddress, string? AccountId, string Secret, TimeSpan AttemptTimeout, string? MerchantAccountId = null)
{
    public override string ToString() => $"{Kind} at {BaseAddress} (account {AccountId ?? "-"}, timeout {AttemptTimeout.TotalMilliseconds} ms)";
}
