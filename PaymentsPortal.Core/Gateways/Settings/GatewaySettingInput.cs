namespace PaymentsPortal.Core.Gateways.Settings;

/// <summary>
/// What an Admin submits for one gateway. <paramref name="NewSecret"/> is required when the gateway is added and
/// optional afterwards: left empty, the stored secret stays as it is, since it is never shown again.
/// </summary>
public sealed record GatewaySettingInput(
    GatewayKind Gateway, bool Enabled, int AttemptTimeoutMs, string? AccountId, string? MerchantAccountId, string? NewSecret)
{
    public override string ToString() => $"{Gateway} (enabled {Enabled}, timeout {AttemptTimeoutMs} ms, secret {(string.IsNullOrEmpty(NewSecret) ? "unchanged" : "replaced")})";
}

/// <summary>One configured gateway as the settings page shows it: never the secret, only its last four characters.</summary>
public sealed record GatewaySettingRow(
    GatewayKind Gateway, int Priority, bool Enabled, int AttemptTimeoutMs, string? AccountId, string? MerchantAccountId, string SecretHint, DateTimeOffset UpdatedAt);
