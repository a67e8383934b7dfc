using System.Net;
using System.Text.Json;
using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>What the client puts on the wire: address, credentials headers, and bodies without credentials.</summary>
[Trait("Tier", "Unit")]
public sealed class PlaidClientRequestTests
{
    private const string LinkTokenReply = """{"link_token":"link-sandbox-af1a0311-da53-4636-b754-dd15cc058176","expiration":"2020-03-27T12:56:34Z","request_id":"XQVgFigpGHXkb0b"}""";

    [Fact]
    public async Task CreateLinkTokenAsync_NewLink_PostsToSandboxWithHeaderCredentialsAndSnakeCaseBody()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/link/token/create", HttpStatusCode.OK, LinkTokenReply));
        var request = new PlaidLinkTokenRequest("Demo Merchant", "en", ["US"], new PlaidLinkUser("member-42"),
            [PlaidProducts.Auth, PlaidProducts.Transactions], Webhook: "https://portal.example/webhooks/plaid/7",
            AccountFilters: new PlaidAccountFilters(new PlaidDepositoryFilter(["checking", "savings"])));

        var result = await host.Client.CreateLinkTokenAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("link-sandbox-af1a0311-da53-4636-b754-dd15cc058176", result.Value.LinkToken);
        Assert.Equal(new DateTimeOffset(2020, 3, 27, 12, 56, 34, TimeSpan.Zero), result.Value.Expiration);
        var sent = Assert.Single(host.Stub.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri("https://sandbox.plaid.com/link/token/create"), sent.Uri);
        Assert.Equal(PlaidTestHost.ClientId, sent.Headers["PLAID-CLIENT-ID"]);
        Assert.Equal(PlaidTestHost.Secret, sent.Headers["PLAID-SECRET"]);
        Assert.Equal("2020-09-14", sent.Headers["Plaid-Version"]);

        using var body = JsonDocument.Parse(sent.Body);
        var root = body.RootElement;
        Assert.Equal(["client_name", "language", "country_codes", "user", "products", "webhook", "account_filters"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("member-42", root.GetProperty("user").GetProperty("client_user_id").GetString());
        Assert.Equal("""{"depository":{"account_subtypes":["checking","savings"]}}""", root.GetProperty("account_filters").GetRawText());
        Assert.DoesNotContain(PlaidTestHost.Secret, sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("client_id", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateLinkTokenAsync_UpdateMode_SendsTheAccessTokenAndNoProducts()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/link/token/create", HttpStatusCode.OK, LinkTokenReply));

        await host.Client.CreateLinkTokenAsync(
            new PlaidLinkTokenRequest("Demo Merchant", "en", ["US"], new PlaidLinkUser("member-42"), AccessToken: PlaidTestHost.AccessToken),
            CancellationToken.None);

        using var body = JsonDocument.Parse(host.Stub.Requests.Single().Body);
        Assert.Equal(PlaidTestHost.AccessToken.Reveal(), body.RootElement.GetProperty("access_token").GetString());
        Assert.False(body.RootElement.TryGetProperty("products", out _));
    }

    [Theory]
    [InlineData("Production", "https://production.plaid.com/item/get")]
    [InlineData("Sandbox", "https://sandbox.plaid.com/item/get")]
    public async Task GetItemAsync_Environment_ChoosesPlaidsAddress(string environment, string expected)
    {
        using var host = new PlaidTestHost(new PlaidStubHandler(), new Dictionary<string, string?> { ["Plaid:Environment"] = environment });

        await host.Client.GetItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        Assert.Equal(new Uri(expected), host.Stub.Requests.Single().Uri);
    }

    [Fact]
    public async Task GetItemAsync_SimulatorWithAPath_KeepsTheBasePath()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler(), new Dictionary<string, string?>
        {
            ["Plaid:Environment"] = "Simulator",
            ["Plaid:BaseAddress"] = "http://127.0.0.1:5071/sandbox/plaid",
        });

        await host.Client.GetItemAsync(PlaidTestHost.AccessToken, CancellationToken.None);

        Assert.Equal(new Uri("http://127.0.0.1:5071/sandbox/plaid/item/get"), host.Stub.Requests.Single().Uri);
    }

    [Fact]
    public async Task GetAuthAsync_AccountIds_SentAsOptions()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler());

        await host.Client.GetAuthAsync(PlaidTestHost.AccessToken, ["acc-1"], CancellationToken.None);

        Assert.Equal(
            $$$"""{"access_token":"{{{PlaidTestHost.AccessToken.Reveal()}}}","options":{"account_ids":["acc-1"]}}""",
            host.Stub.Requests.Single().Body);
    }

    [Fact]
    public async Task CreateSandboxPublicTokenAsync_InProduction_RefusedWithoutACall()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler(), new Dictionary<string, string?> { ["Plaid:Environment"] = "Production" });

        var result = await host.Client.CreateSandboxPublicTokenAsync(new PlaidSandboxPublicTokenRequest("ins_109508", [PlaidProducts.Auth]), CancellationToken.None);

        Assert.Equal(PlaidFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Empty(host.Stub.Requests);
    }

    [Fact]
    public async Task CreateSandboxPublicTokenAsync_Sandbox_SendsOptionsAndReturnsTheToken()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/sandbox/public_token/create", HttpStatusCode.OK,
            """{"public_token":"public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d","request_id":"Aim3b"}"""));

        var result = await host.Client.CreateSandboxPublicTokenAsync(new PlaidSandboxPublicTokenRequest("ins_109508", [PlaidProducts.Auth, PlaidProducts.Transactions],
            new PlaidSandboxPublicTokenOptions(Webhook: "https://portal.example/hook", OverrideUsername: "user_good")), CancellationToken.None);

        Assert.Equal("public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d", result.Value!.PublicToken.Reveal());
        Assert.Equal(
            """{"institution_id":"ins_109508","initial_products":["auth","transactions"],"options":{"webhook":"https://portal.example/hook","override_username":"user_good"}}""",
            host.Stub.Requests.Single().Body);
    }

    [Fact]
    public async Task ExchangePublicTokenAsync_Success_TokenUsableButNeverPrinted()
    {
        using var host = new PlaidTestHost(new PlaidStubHandler().Reply("/item/public_token/exchange", HttpStatusCode.OK,
            """{"access_token":"access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6","item_id":"M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op","request_id":"Aim3b"}"""));

        var result = await host.Client.ExchangePublicTokenAsync(new PlaidPublicToken("public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d"), CancellationToken.None);

        Assert.Equal("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6", result.Value!.AccessToken.Reveal());
        Assert.Equal("""{"public_token":"public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d"}""", host.Stub.Requests.Single().Body);
        Assert.DoesNotContain("de3ce8ef", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("access-sandbox-[redacted]", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AccessToken_InARequestRecord_PrintedRedacted()
    {
        var request = new PlaidTransactionsSyncRequest(PlaidTestHost.AccessToken, "cursor-1", 100);

        Assert.DoesNotContain("de3ce8ef", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("de3ce8ef", $"{PlaidTestHost.AccessToken}", StringComparison.Ordinal);
    }
}
