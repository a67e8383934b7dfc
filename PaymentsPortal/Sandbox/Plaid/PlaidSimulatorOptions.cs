namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// The simulated Plaid account: the API keys the simulator accepts, how long its tokens live and the seed its data grows
/// from. The keys are obviously fake and open nothing real; Plaid's own sandbox keys are 24 and 30 hex digits.
/// </summary>
public sealed record PlaidSimulatorOptions
{
    /// <summary>What the portal's Sandbox mode is configured with.</summary>
    public static PlaidSimulatorOptions Sandbox { get; } = new();

    public string ClientId { get; init; } = "portal_fake_plaid_client_id";

    public string Secret { get; init; } = "portal_fake_plaid_sandbox_secret";

    /// <summary>Plaid's default link_token lifetime.</summary>
    public TimeSpan LinkTokenLifetime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Plaid's public_token lifetime: it must be exchanged within 30 minutes, once.</summary>
    public TimeSpan PublicTokenLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Seeds item ids, account ids and the generated transaction history, so the same sequence of items gets the same data.</summary>
    public int Seed { get; init; } = 20200914;

    /// <summary>Days of seeded transaction history per new item, ending today (UTC).</summary>
    public int HistoryDays { get; init; } = 90;

    /// <summary>
    /// /accounts/balance/get calls one client may make per <see cref="BalanceRateWindow"/> before RATE_LIMIT_EXCEEDED
    /// (ACCOUNTS_BALANCE_GET_LIMIT). Plaid documents 1,200 a minute per client in Sandbox and Production.
    /// </summary>
    public int BalanceCallsPerWindow { get; init; } = 1200;

    public TimeSpan BalanceRateWindow { get; init; } = TimeSpan.FromMinutes(1);

    public override string ToString() => $"Plaid simulator (client {ClientId}, seed {Seed})";
}
