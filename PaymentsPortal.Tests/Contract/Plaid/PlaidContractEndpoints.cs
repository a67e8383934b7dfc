using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Contract.Plaid;

/// <summary>
/// Each Plaid endpoint the client calls: the body type it sends, the type it reads, and a call with every optional
/// field filled in, so that the body on the wire shows every property our request type can write.
/// </summary>
internal sealed record PlaidContractEndpoint(string Path, Type RequestType, Type ResponseType, Func<PlaidClient, Task<object>> Call)
{
    private static readonly PlaidAccessToken Token = new("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6");

    public static IReadOnlyList<PlaidContractEndpoint> All { get; } =
    [
        new("/link/token/create", typeof(PlaidLinkTokenRequest), typeof(PlaidLinkToken), async client => await client.CreateLinkTokenAsync(
            new PlaidLinkTokenRequest("Demo Merchant", "en", ["US", "GB"], new PlaidLinkUser("member-42"),
                [PlaidProducts.Auth, PlaidProducts.Transactions], "https://portal.example/webhooks/plaid/7",
                "https://portal.example/banking/oauth-return", Token,
                new PlaidAccountFilters(new PlaidDepositoryFilter(["checking", "savings"]))),
            CancellationToken.None)),
        new("/item/public_token/exchange", typeof(PlaidPublicTokenExchangeRequest), typeof(PlaidPublicTokenExchange), async client =>
            await client.ExchangePublicTokenAsync(new PlaidPublicToken("public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d"), CancellationToken.None)),
        new("/accounts/get", typeof(PlaidAccountsRequest), typeof(PlaidAccountsResponse), async client =>
            await client.GetAccountsAsync(Token, ["BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp"], CancellationToken.None)),
        new("/accounts/balance/get", typeof(PlaidAccountsRequest), typeof(PlaidAccountsResponse), async client =>
            await client.GetBalancesAsync(Token, ["BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp"], CancellationToken.None)),
        new("/auth/get", typeof(PlaidAccountsRequest), typeof(PlaidAuthResponse), async client =>
            await client.GetAuthAsync(Token, ["vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D"], CancellationToken.None)),
        new("/transactions/sync", typeof(PlaidTransactionsSyncRequest), typeof(PlaidTransactionsSyncResponse), async client =>
            await client.SyncTransactionsAsync(new PlaidTransactionsSyncRequest(Token, "tVUUL15lYQN5rBnfDIc1I8xudpGdIlw9", 500,
                new PlaidTransactionsSyncOptions(IncludePersonalFinanceCategory: true)), CancellationToken.None)),
        new("/item/get", typeof(PlaidAccessTokenRequest), typeof(PlaidItemResponse), async client =>
            await client.GetItemAsync(Token, CancellationToken.None)),
        new("/item/remove", typeof(PlaidAccessTokenRequest), typeof(PlaidItemRemoved), async client =>
            await client.RemoveItemAsync(Token, CancellationToken.None)),
        new("/webhook_verification_key/get", typeof(PlaidWebhookKeyRequest), typeof(PlaidWebhookKeyResponse), async client =>
            await client.GetWebhookVerificationKeyAsync("bfbd5111-8e33-4643-8ced-b2e642a72f3c", CancellationToken.None)),
        new("/sandbox/public_token/create", typeof(PlaidSandboxPublicTokenRequest), typeof(PlaidSandboxPublicToken), async client =>
            await client.CreateSandboxPublicTokenAsync(new PlaidSandboxPublicTokenRequest("ins_109508", [PlaidProducts.Auth, PlaidProducts.Transactions],
                new PlaidSandboxPublicTokenOptions("https://portal.example/webhooks/plaid/7", "user_good")), CancellationToken.None)),
    ];

    public static TheoryData<string> Paths => [.. All.Select(e => e.Path)];

    public static PlaidContractEndpoint For(string path) => All.Single(e => e.Path == path);
}
