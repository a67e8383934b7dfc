using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// A typed client for the Plaid endpoints the portal uses. Every call is a POST with a JSON body; expected failures
/// come back as a <see cref="PlaidFailure"/>, never as an exception. A caller's own cancellation still throws
/// <see cref="OperationCanceledException"/>.
/// <para>
/// Credentials go in the PLAID-CLIENT-ID and PLAID-SECRET headers (Plaid's OpenAPI security schemes, and what Plaid's own
/// libraries do) rather than in the body: request records then never hold the secret, a serialized body can be shown
/// in a test or a log without it, and the HttpClient factory's logging redacts header values.
/// </para>
/// <para>
/// No call is retried here. Exchange and item/remove change state and a blind resend of either is not obviously safe;
/// a read retried inside the client would double the worst-case wait of a page; and a /transactions/sync retry belongs
/// to the caller, who owns the cursor. Callers (jobs) retry on <see cref="PlaidFailureKind.Unavailable"/> and
/// <see cref="PlaidFailureKind.RateLimited"/> at their level.
/// </para>
/// </summary>
public sealed class PlaidClient(
    IHttpClientFactory httpClients, IOptions<PlaidOptions> options, ILogger<PlaidClient>? logger = null, PlaidAddressOverride? addressOverride = null)
{
    /// <summary>The named HttpClient (registered by <see cref="PlaidServiceCollectionExtensions.AddPlaidClient"/>).</summary>
    public const string HttpClientName = "Plaid";

    /// <summary>The API version we are written and contract-tested against, sent as Plaid-Version.</summary>
    public const string ApiVersion = "2020-09-14";

    private readonly PlaidTransport transport = new(httpClients, options, addressOverride, logger ?? NullLogger<PlaidClient>.Instance);

    /// <summary>Creates a link token for Plaid Link: a new link, or update mode when the request carries an access token.</summary>
    public Task<PlaidResult<PlaidLinkToken>> CreateLinkTokenAsync(PlaidLinkTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return transport.PostAsync<PlaidLinkTokenRequest, PlaidLinkToken>(PlaidEndpoint.LinkTokenCreate, request, cancellationToken);
    }

    /// <summary>Exchanges Link's public token for the Item's access token. Store the token encrypted before anything else.</summary>
    public Task<PlaidResult<PlaidPublicTokenExchange>> ExchangePublicTokenAsync(PlaidPublicToken publicToken, CancellationToken cancellationToken) =>
        transport.PostAsync<PlaidPublicTokenExchangeRequest, PlaidPublicTokenExchange>(
            PlaidEndpoint.PublicTokenExchange, new(publicToken), cancellationToken);

    /// <summary>The Item's accounts with the balances Plaid last cached (no call to the bank).</summary>
    public Task<PlaidResult<PlaidAccountsResponse>> GetAccountsAsync(
        PlaidAccessToken accessToken, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken) =>
        transport.PostAsync<PlaidAccountsRequest, PlaidAccountsResponse>(
            PlaidEndpoint.AccountsGet, AccountsRequest(accessToken, accountIds), cancellationToken);

    /// <summary>Real-time balances: Plaid asks the bank now, which is slower and billed per call.</summary>
    public Task<PlaidResult<PlaidAccountsResponse>> GetBalancesAsync(
        PlaidAccessToken accessToken, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken) =>
        transport.PostAsync<PlaidAccountsRequest, PlaidAccountsResponse>(
            PlaidEndpoint.AccountsBalanceGet, AccountsRequest(accessToken, accountIds), cancellationToken);

    /// <summary>ACH routing numbers and the last four digits of each account number (the full number is never kept).</summary>
    public Task<PlaidResult<PlaidAuthResponse>> GetAuthAsync(
        PlaidAccessToken accessToken, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken) =>
        transport.PostAsync<PlaidAccountsRequest, PlaidAuthResponse>(
            PlaidEndpoint.AuthGet, AccountsRequest(accessToken, accountIds), cancellationToken);

    /// <summary>One page of transaction changes since the cursor; see <see cref="PlaidTransactionsSyncResponse"/> for the loop.</summary>
    public Task<PlaidResult<PlaidTransactionsSyncResponse>> SyncTransactionsAsync(
        PlaidTransactionsSyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A wrong count is our bug, not Plaid's answer: it throws rather than costing a round trip.
        if (request.Count is < 1 or > PlaidTransactionsSyncRequest.MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Count, "Count must be between 1 and 500.");
        }

        return transport.PostAsync<PlaidTransactionsSyncRequest, PlaidTransactionsSyncResponse>(
            PlaidEndpoint.TransactionsSync, request, cancellationToken);
    }

    /// <summary>The Item: institution, webhook, standing error and consent expiry.</summary>
    public Task<PlaidResult<PlaidItemResponse>> GetItemAsync(PlaidAccessToken accessToken, CancellationToken cancellationToken) =>
        transport.PostAsync<PlaidAccessTokenRequest, PlaidItemResponse>(PlaidEndpoint.ItemGet, new(accessToken), cancellationToken);

    /// <summary>
    /// Removes the Item at Plaid (billing stops, the access token dies). On <see cref="PlaidFailureKind.Unavailable"/> it
    /// may have happened; calling again is safe, and <see cref="PlaidFailureKind.ItemNotFound"/> then means it is gone.
    /// </summary>
    public Task<PlaidResult<PlaidItemRemoved>> RemoveItemAsync(PlaidAccessToken accessToken, CancellationToken cancellationToken) =>
        transport.PostAsync<PlaidAccessTokenRequest, PlaidItemRemoved>(PlaidEndpoint.ItemRemove, new(accessToken), cancellationToken);

    /// <summary>The public key that signs webhooks with this key id (the JWT header's kid).</summary>
    public Task<PlaidResult<PlaidWebhookKeyResponse>> GetWebhookVerificationKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        return transport.PostAsync<PlaidWebhookKeyRequest, PlaidWebhookKeyResponse>(
            PlaidEndpoint.WebhookVerificationKeyGet, new(keyId), cancellationToken);
    }

    /// <summary>Creates a test Item without Link. Refused, without a call, outside Plaid's Sandbox and the simulator.</summary>
    public Task<PlaidResult<PlaidSandboxPublicToken>> CreateSandboxPublicTokenAsync(
        PlaidSandboxPublicTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.Environment is not (PlaidEnvironment.Sandbox or PlaidEnvironment.Simulator))
        {
            return Task.FromResult(PlaidResult.Failed<PlaidSandboxPublicToken>(new PlaidFailure(PlaidFailureKind.InvalidRequest,
                "Test bank connections can only be created in Plaid's Sandbox.", DeveloperMessage: "Not sent: Plaid:Environment is not Sandbox.")));
        }

        return transport.PostAsync<PlaidSandboxPublicTokenRequest, PlaidSandboxPublicToken>(
            PlaidEndpoint.SandboxPublicTokenCreate, request, cancellationToken);
    }

    private static PlaidAccountsRequest AccountsRequest(PlaidAccessToken accessToken, IReadOnlyList<string>? accountIds) =>
        new(accessToken, accountIds is { Count: > 0 } ? new PlaidAccountIdsOption(accountIds) : null);
}
