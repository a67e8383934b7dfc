using System.Net;
using System.Net.Http.Headers;
using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>Plaid error bodies, as Plaid sends them with their HTTP status, and the failure kind each becomes.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidErrorClassificationTests
{
    public static TheoryData<int, string, string, string?, PlaidFailureKind> Errors => new()
    {
        { 400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", null, PlaidFailureKind.ItemLoginRequired },
        { 400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", "OAUTH_USER_REVOKED", PlaidFailureKind.ItemLoginRequired },
        { 400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", "OAUTH_CONSENT_EXPIRED", PlaidFailureKind.ConsentExpiration },
        { 429, "RATE_LIMIT_EXCEEDED", "RATE_LIMIT_EXCEEDED", null, PlaidFailureKind.RateLimited },
        { 429, "RATE_LIMIT_EXCEEDED", "TRANSACTIONS_SYNC_LIMIT", null, PlaidFailureKind.RateLimited },
        { 400, "INSTITUTION_ERROR", "INSTITUTION_DOWN", null, PlaidFailureKind.InstitutionDown },
        { 400, "INSTITUTION_ERROR", "INSTITUTION_NOT_RESPONDING", null, PlaidFailureKind.InstitutionDown },
        { 400, "INSTITUTION_ERROR", "INSTITUTION_NOT_AVAILABLE", null, PlaidFailureKind.InstitutionDown },
        { 400, "ITEM_ERROR", "PRODUCT_NOT_READY", null, PlaidFailureKind.ProductNotReady },
        { 400, "INVALID_INPUT", "INVALID_API_KEYS", null, PlaidFailureKind.InvalidCredentials },
        { 400, "INVALID_INPUT", "UNAUTHORIZED_ENVIRONMENT", null, PlaidFailureKind.InvalidCredentials },
        { 400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN", null, PlaidFailureKind.InvalidRequest },
        { 400, "INVALID_REQUEST", "MISSING_FIELDS", null, PlaidFailureKind.InvalidRequest },
        { 400, "ITEM_ERROR", "ITEM_NOT_FOUND", null, PlaidFailureKind.ItemNotFound },
        { 400, "INVALID_INPUT", "INVALID_ACCESS_TOKEN", null, PlaidFailureKind.ItemNotFound },
        { 400, "TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", null, PlaidFailureKind.TransactionsSyncMutation },
        { 500, "API_ERROR", "INTERNAL_SERVER_ERROR", null, PlaidFailureKind.Unavailable },
        { 503, "API_ERROR", "PLANNED_MAINTENANCE", null, PlaidFailureKind.Unavailable },
        { 400, "ITEM_ERROR", "NO_ACCOUNTS", null, PlaidFailureKind.Other },
        { 400, "INSTITUTION_ERROR", "INSTITUTION_NO_LONGER_SUPPORTED", null, PlaidFailureKind.Other },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task GetAccountsAsync_PlaidErrorBody_ClassifiedByCodeThenType(int status, string type, string code, string? reason, PlaidFailureKind expected)
    {
        using var host = Host(status, ErrorBody(type, code, reason));

        var result = await host.Client.GetAccountsAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Failure.Kind);
        Assert.Equal(code, result.Failure.ErrorCode);
        Assert.Equal(type, result.Failure.ErrorType);
        Assert.Equal("req-" + code, result.Failure.RequestId);
        Assert.Equal(status, result.Failure.HttpStatus);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Message));
        Assert.False(result.Failure.OutcomeUnknown);
    }

    [Fact]
    public async Task GetAccountsAsync_ItemLoginRequired_TellsTheMerchantToSignInAgain()
    {
        using var host = Host(400, ErrorBody("ITEM_ERROR", "ITEM_LOGIN_REQUIRED", null));

        var result = await host.Client.GetAccountsAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        Assert.StartsWith("Sign in to your bank again to reconnect this account.", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBalancesAsync_RateLimitedWithRetryAfter_CarriesTheHint()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/accounts/balance/get", HttpStatusCode.TooManyRequests,
            ErrorBody("RATE_LIMIT_EXCEEDED", "BALANCE_LIMIT", null), r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(20))));

        var result = await host.Client.GetBalancesAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        Assert.Equal(PlaidFailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), result.Failure.RetryAfter);
        Assert.Contains("20 seconds", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBalancesAsync_RateLimitedWithoutRetryAfter_HintsAMinute()
    {
        using var host = Host(429, ErrorBody("RATE_LIMIT_EXCEEDED", "RATE_LIMIT", null));

        var result = await host.Client.GetBalancesAsync(PlaidTestHost.AccessToken, null, CancellationToken.None);

        Assert.Equal(PlaidErrorClassifier.DefaultRetryAfter, result.Failure!.RetryAfter);
    }

    [Theory]
    [InlineData(429, PlaidFailureKind.RateLimited)]
    [InlineData(401, PlaidFailureKind.InvalidCredentials)]
    [InlineData(403, PlaidFailureKind.InvalidCredentials)]
    [InlineData(404, PlaidFailureKind.InvalidRequest)]
    [InlineData(502, PlaidFailureKind.Unavailable)]
    [InlineData(504, PlaidFailureKind.Unavailable)]
    public async Task GetItemAsync_StatusWithoutPlaidBody_ClassifiedByStatus(int status, PlaidFailureKind expected)
    {
        using var host = Host(status, "<html><body>Bad gateway</body></html>");

        var result = await host.Client.GetItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        Assert.Equal(expected, result.Failure!.Kind);
        Assert.Null(result.Failure.ErrorCode);
    }

    [Fact]
    public async Task ExchangePublicTokenAsync_ApiError_OutcomeUnknownAndSaysSo()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/item/public_token/exchange",
            HttpStatusCode.InternalServerError, ErrorBody("API_ERROR", "INTERNAL_SERVER_ERROR", null)));

        var result = await host.Client.ExchangePublicTokenAsync(new PlaidPublicToken("public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc"), CancellationToken.None);

        Assert.Equal(PlaidFailureKind.Unavailable, result.Failure!.Kind);
        Assert.True(result.Failure.OutcomeUnknown);
        Assert.Contains("may or may not have completed", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveItemAsync_BadGateway_OutcomeUnknownAndRepeatable()
    {
        using var host = Host(502, "");

        var result = await host.Client.RemoveItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        Assert.True(result.Failure!.OutcomeUnknown);
        Assert.Contains("may or may not have been disconnected", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveItemAsync_InvalidInput_NothingHappenedSoOutcomeKnown()
    {
        using var host = Host(400, ErrorBody("INVALID_INPUT", "INVALID_FIELD", null));

        var result = await host.Client.RemoveItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        Assert.Equal(PlaidFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.False(result.Failure.OutcomeUnknown);
    }

    [Fact]
    public void Classify_ItemsStandingError_SameKindsWithoutHttp()
    {
        var failure = PlaidErrorClassifier.Classify(new PlaidError("ITEM_ERROR", "PENDING_EXPIRATION"));

        Assert.Equal(PlaidFailureKind.ConsentExpiration, failure.Kind);
        Assert.Null(failure.HttpStatus);
    }

    [Fact]
    public void Classify_OtherWithDisplayMessage_ShowsPlaidsTextForTheUser()
    {
        var failure = PlaidErrorClassifier.Classify(new PlaidError("ITEM_ERROR", "NO_ACCOUNTS", DisplayMessage: "No valid accounts were found."));

        Assert.Equal(PlaidFailureKind.Other, failure.Kind);
        Assert.Equal("No valid accounts were found.", failure.Message);
    }

    internal static string ErrorBody(string type, string code, string? reason) =>
        $$"""
        {"error_type":"{{type}}","error_code":"{{code}}","error_code_reason":{{(reason is null ? "null" : $"\"{reason}\"")}},
         "error_message":"the {{code}} error","display_message":null,"request_id":"req-{{code}}","causes":[],"status":null,
         "documentation_url":"https://plaid.com/docs/?ref=error#{{code.ToLowerInvariant()}}","suggested_action":null}
        """;

    // Every endpoint answers the same, so one host serves whichever call a test makes.
    private static PlaidTestHost Host(int status, string body)
    {
        var stub = new PlaidStubHandler();
        foreach (var path in new[] { "/accounts/get", "/accounts/balance/get", "/item/get", "/item/remove" })
        {
            stub.Reply(path, (HttpStatusCode)status, body);
        }

        return new PlaidTestHost(stub);
    }
}
