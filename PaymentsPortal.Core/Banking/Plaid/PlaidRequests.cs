namespace PaymentsPortal.Core.Banking.Plaid;

// Request bodies, field for field as Plaid's OpenAPI definition names them (snake_case by PlaidJson). Credentials are not
// here: they travel as headers (see PlaidClient), so no request object, and no serialized body, ever holds the secret.
// Contract tests serialize each of these and compare the result with Plaid's schemas.

/// <summary>Plaid product names as the API spells them.</summary>
public static class PlaidProducts
{
    public const string Auth = "auth";
    public const string Transactions = "transactions";
}

/// <summary>
/// POST /link/token/create. For a new link set <see cref="Products"/> (auth and transactions); for update mode (the
/// bank asks the user to sign in again) set <see cref="AccessToken"/> and leave <see cref="Products"/> out, as Plaid asks.
/// </summary>
public sealed record PlaidLinkTokenRequest(
    string ClientName,
    string Language,
    IReadOnlyList<string> CountryCodes,
    PlaidLinkUser User,
    IReadOnlyList<string>? Products = null,
    string? Webhook = null,
    string? RedirectUri = null,
    PlaidAccessToken? AccessToken = null,
    PlaidAccountFilters? AccountFilters = null);

/// <summary>Our id for the person linking (a stable, non-identifying id: never an email address).</summary>
public sealed record PlaidLinkUser(string ClientUserId);

/// <summary>Which accounts Link offers; we only ever narrow depository accounts (checking, savings).</summary>
public sealed record PlaidAccountFilters(PlaidDepositoryFilter? Depository);

public sealed record PlaidDepositoryFilter(IReadOnlyList<string> AccountSubtypes);

/// <summary>
/// POST /transactions/sync. Omit <see cref="Cursor"/> on the very first call; afterwards send the last
/// <c>next_cursor</c>. <see cref="Count"/> is 1–500 (Plaid's default is 100).
/// </summary>
public sealed record PlaidTransactionsSyncRequest(
    PlaidAccessToken AccessToken,
    string? Cursor = null,
    int? Count = null,
    PlaidTransactionsSyncOptions? Options = null)
{
    public const int MaxCount = 500;
}

/// <param name="IncludePersonalFinanceCategory">
/// Deprecated by Plaid (newer accounts always get the category) but still accepted; leave null unless an older account needs it.
/// </param>
public sealed record PlaidTransactionsSyncOptions(bool? IncludePersonalFinanceCategory = null);

/// <summary>POST /sandbox/public_token/create: makes an Item without Link, in Plaid's Sandbox (or the simulator) only.</summary>
public sealed record PlaidSandboxPublicTokenRequest(
    string InstitutionId,
    IReadOnlyList<string> InitialProducts,
    PlaidSandboxPublicTokenOptions? Options = null);

/// <param name="OverrideUsername">A Sandbox test user, e.g. "user_good" (the default) or "user_custom".</param>
public sealed record PlaidSandboxPublicTokenOptions(string? Webhook = null, string? OverrideUsername = null);

// The bodies callers never build themselves.

internal sealed record PlaidPublicTokenExchangeRequest(PlaidPublicToken PublicToken);

internal sealed record PlaidAccessTokenRequest(PlaidAccessToken AccessToken);

/// <summary>/accounts/get, /accounts/balance/get and /auth/get: the token, optionally narrowed to some accounts.</summary>
internal sealed record PlaidAccountsRequest(PlaidAccessToken AccessToken, PlaidAccountIdsOption? Options);

internal sealed record PlaidAccountIdsOption(IReadOnlyList<string> AccountIds);

internal sealed record PlaidWebhookKeyRequest(string KeyId);
