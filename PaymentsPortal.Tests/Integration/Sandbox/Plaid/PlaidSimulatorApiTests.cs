using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

[Trait("Tier", "Integration")]
public sealed class PlaidSimulatorApiTests
{
    [Fact]
    public async Task LinkTokenCreate_ValidRequest_ReturnsSandboxLinkTokenForFourHours()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using var sandbox = await PlaidSandbox.StartAsync(clock: clock);

        var reply = (await sandbox.PostAsync("/link/token/create", LinkTokenRequest())).Ok();

        Assert.StartsWith("link-sandbox-", reply.Text("link_token"), StringComparison.Ordinal);
        Assert.Equal("2026-03-02T14:00:00Z", reply.Text("expiration"));
        Assert.Matches("^[A-Za-z0-9]{15}$", reply.Text("request_id"));
    }

    [Fact]
    public async Task LinkTokenCreate_NoProductsOutsideUpdateMode_InvalidField()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var request = LinkTokenRequest();
        request.Remove("products");

        (await sandbox.PostAsync("/link/token/create", request)).Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "INVALID_FIELD");
    }

    [Fact]
    public async Task AnyEndpoint_WrongSecret_InvalidApiKeys()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();

        var reply = await sandbox.PostAsync("/link/token/create", LinkTokenRequest(secret: "not-the-secret"));

        reply.Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_API_KEYS");
        Assert.Equal(400, reply.Json.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, reply.Json.GetProperty("display_message").ValueKind);
    }

    [Fact]
    public async Task Credentials_InPlaidHeaders_AreAccepted()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        using var content = new StringContent(new JsonObject { ["access_token"] = accessToken }.ToJsonString(), Encoding.UTF8, "application/json");

        var reply = (await sandbox.SendAsync("/item/get", content, new Dictionary<string, string>
        {
            ["PLAID-CLIENT-ID"] = sandbox.Simulator.Options.ClientId,
            ["PLAID-SECRET"] = sandbox.Simulator.Options.Secret,
        })).Ok();

        Assert.Equal(itemId, reply.Json.GetProperty("item").GetProperty("item_id").GetString());
    }

    [Fact]
    public async Task Request_WithoutKeysOrAccessToken_MissingFields()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();

        var reply = await sandbox.PostAsync("/accounts/get", [], withKeys: false);

        reply.Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "MISSING_FIELDS");
        Assert.Equal("the following required fields are missing: client_id, secret, access_token", reply.Text("error_message"));
    }

    [Fact]
    public async Task Request_FieldPlaidDoesNotKnow_UnknownFields()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();

        (await sandbox.CallAsync("/accounts/get", accessToken, new JsonObject { ["acount_ids"] = new JsonArray() }))
            .Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "UNKNOWN_FIELDS");
    }

    [Fact]
    public async Task Request_NotJson_InvalidBody()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");

        (await sandbox.SendAsync("/item/get", content)).Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "INVALID_BODY");
    }

    [Fact]
    public async Task PublicTokenExchange_SecondTime_InvalidPublicToken()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var created = (await sandbox.PostAsync("/sandbox/public_token/create", new JsonObject
        {
            ["institution_id"] = PlaidInstitution.FirstPlatypusBank,
            ["initial_products"] = new JsonArray("transactions"),
        })).Ok();
        Assert.StartsWith("public-sandbox-", created.Text("public_token"), StringComparison.Ordinal);

        var first = (await sandbox.PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = created.Text("public_token") })).Ok();
        var second = await sandbox.PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = created.Text("public_token") });

        Assert.StartsWith("access-sandbox-", first.Text("access_token"), StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9]{37}$", first.Text("item_id"));
        second.Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN");
    }

    [Fact]
    public async Task PublicTokenExchange_AfterThirtyMinutes_Expired()
    {
        var clock = new ManualClock();
        await using var sandbox = await PlaidSandbox.StartAsync(clock: clock);
        var item = sandbox.Simulator.CreateItem();
        var publicToken = sandbox.Simulator.PublicTokenFor(item.ItemId)!;
        clock.Advance(TimeSpan.FromMinutes(31));

        var reply = await sandbox.PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = publicToken });

        reply.Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN");
        Assert.Contains("expired", reply.Text("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsGet_NewItem_CheckingAndSavingsInPlaidShape()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();

        var reply = (await sandbox.CallAsync("/accounts/get", accessToken)).Ok();

        var accounts = reply.Json.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(["checking", "savings"], accounts.Select(a => a.GetProperty("subtype").GetString()));
        var checking = accounts[0];
        Assert.Equal("depository", checking.GetProperty("type").GetString());
        Assert.Equal("0000", checking.GetProperty("mask").GetString());
        Assert.Equal("Plaid Checking", checking.GetProperty("name").GetString());
        Assert.Equal("Plaid Gold Standard 0% Interest Checking", checking.GetProperty("official_name").GetString());
        var balances = checking.GetProperty("balances");
        Assert.Equal(24310.55m, balances.GetProperty("current").GetDecimal());
        Assert.True(balances.GetProperty("available").GetDecimal() <= 24310.55m);
        Assert.Equal("USD", balances.GetProperty("iso_currency_code").GetString());
        Assert.Equal(JsonValueKind.Null, balances.GetProperty("limit").ValueKind);
        Assert.Equal(JsonValueKind.Null, balances.GetProperty("last_updated_datetime").ValueKind);
        var item = reply.Json.GetProperty("item");
        Assert.Equal(itemId, item.GetProperty("item_id").GetString());
        Assert.Equal(PlaidInstitution.FirstPlatypusBank, item.GetProperty("institution_id").GetString());
        Assert.Equal(PlaidSandbox.Webhook, item.GetProperty("webhook").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task AccountsGet_AccountOfAnotherItem_InvalidAccountId()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();
        var other = sandbox.Simulator.CreateItem();

        (await sandbox.CallAsync("/accounts/get", accessToken, new JsonObject { ["options"] = new JsonObject { ["account_ids"] = new JsonArray(other.Accounts[0].AccountId) } }))
            .Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_ACCOUNT_ID");
    }

    [Fact]
    public async Task BalanceGet_AfterSetBalance_RealTimeBalancesWithTimestamp()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var savings = sandbox.Simulator.Item(itemId)!.Accounts[1];
        Assert.True(sandbox.Simulator.SetBalance(savings.AccountId, new Money(1_000_050, Currency.Usd), new Money(1_200_000, Currency.Usd)));

        var reply = (await sandbox.CallAsync("/accounts/balance/get", accessToken,
            new JsonObject { ["options"] = new JsonObject { ["account_ids"] = new JsonArray(savings.AccountId) } })).Ok();

        var balances = Assert.Single(reply.Json.GetProperty("accounts").EnumerateArray()).GetProperty("balances");
        Assert.Equal(10000.5m, balances.GetProperty("available").GetDecimal());
        Assert.Equal(12000m, balances.GetProperty("current").GetDecimal());
        Assert.True(DateTimeOffset.TryParse(balances.GetProperty("last_updated_datetime").GetString(), CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task SandboxPublicTokenCreate_UnknownInstitution_InstitutionNotFound()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();

        (await sandbox.PostAsync("/sandbox/public_token/create", new JsonObject
        {
            ["institution_id"] = "ins_0",
            ["initial_products"] = new JsonArray("transactions"),
        })).Error(HttpStatusCode.BadRequest, "INSTITUTION_ERROR", "INSTITUTION_NOT_FOUND");
    }

    [Fact]
    public async Task Requests_AreObservedWithoutTokens()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        await sandbox.CallAsync("/accounts/get", accessToken);

        var observed = sandbox.Simulator.Requests;

        Assert.Equal(["/sandbox/public_token/create", "/item/public_token/exchange", "/accounts/get"], observed.Select(r => r.Path));
        Assert.Equal(itemId, observed[^1].ItemId);
        Assert.DoesNotContain(observed, r => r.ToString().Contains(accessToken, StringComparison.Ordinal));
    }

    internal static JsonObject LinkTokenRequest(string? secret = null, string? accessToken = null, string? redirectUri = null)
    {
        var request = new JsonObject
        {
            ["client_name"] = "Payments Portal",
            ["language"] = "en",
            ["country_codes"] = new JsonArray("US"),
            ["user"] = new JsonObject { ["client_user_id"] = "merchant-42" },
            ["products"] = new JsonArray("auth", "transactions"),
            ["webhook"] = PlaidSandbox.Webhook,
        };
        if (secret is not null)
        {
            request["secret"] = secret;
        }

        if (accessToken is not null)
        {
            request.Remove("products");
            request["access_token"] = accessToken;
        }

        if (redirectUri is not null)
        {
            request["redirect_uri"] = redirectUri;
        }

        return request;
    }
}
