namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// The simulated Braintree account: its API key pair and its merchant accounts. On Braintree a transaction has no
/// currency of its own — the merchant account decides it — so each currency the portal charges in needs an account.
/// </summary>
/// <param name="SettleImmediately">
/// Real Braintree settles in a daily batch and refunds only settled transactions. Off (the default), a captured
/// transaction stays SUBMITTED_FOR_SETTLEMENT until <see cref="BraintreeSimulator.Settle"/> is called, exactly like
/// production; on, it settles at once so a sandbox user can refund straight after paying.
/// </param>
public sealed record BraintreeSimulatorOptions(string PublicKey, string PrivateKey, bool SettleImmediately = false)
{
    /// <summary>Merchant account id to its ISO 4217 currency code.</summary>
    public IReadOnlyDictionary<string, string> MerchantAccounts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["portal_usd"] = "USD",
        ["portal_eur"] = "EUR",
        ["portal_gbp"] = "GBP",
        ["portal_jpy"] = "JPY",
        ["portal_bhd"] = "BHD",
    };

    /// <summary>Used when a charge names no merchant account, as Braintree uses the account marked default.</summary>
    public string DefaultMerchantAccountId { get; init; } = "portal_usd";

    /// <summary>The credentials the portal's Sandbox mode is configured with; they open nothing real.</summary>
    public static BraintreeSimulatorOptions Sandbox { get; } = new("sandbox_public_key", "sandbox_private_key");

    /// <summary>The connection secret form: "public_key:private_key".</summary>
    public string Secret => PublicKey + ":" + PrivateKey;

    public override string ToString() => $"Braintree simulator (public key {PublicKey}, {MerchantAccounts.Count} merchant accounts)";
}
