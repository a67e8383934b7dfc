using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Sandbox.Plaid.Link;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

[Trait("Tier", "Integration")]
public sealed partial class PlaidLinkStandInTests
{
    private const string Stand = PlaidLinkStandInEndpoints.Prefix;

    [Theory]
    [InlineData("/link-initialize.js", "text/javascript")]
    [InlineData("/stand-in.js", "text/javascript")]
    [InlineData("/stand-in.css", "text/css")]
    [InlineData("/stand-in?token=link-sandbox-x", "text/html")]
    public async Task Assets_ServedWithContentTypeAndNoExternalUrl(string path, string contentType)
    {
        await using var sandbox = await PlaidSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync(new Uri(Stand.TrimStart('/') + path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(ExternalUrl(), text);
        if (contentType == "text/html")
        {
            Assert.DoesNotMatch(InlineScript(), text);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Contains("data-test=\"link-continue\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Host_LinkInitializeScript_IsTheCdnPathOnTheSimulator()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();

        Assert.Equal(new Uri(sandbox.Host.Address, "link/v2/stable/link-initialize.js"), sandbox.Host.LinkInitializeScript);
    }

    [Fact]
    public async Task Link_NonOauthBank_LoginChooseAccountsAndExchange()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");

        var session = (await Api(sandbox, "session", token)).Ok();
        var refused = await Api(sandbox, "login", token, new() { ["institution_id"] = PlaidInstitution.FirstPlatypusBank, ["username"] = "user_good", ["password"] = "wrong" });
        var login = (await Api(sandbox, "login", token, new() { ["institution_id"] = PlaidInstitution.FirstPlatypusBank, ["username"] = "user_good", ["password"] = "pass_good" })).Ok();
        var done = (await Api(sandbox, "complete", token, new() { ["institution_id"] = PlaidInstitution.FirstPlatypusBank, ["account_masks"] = new JsonArray("0000") })).Ok();

        Assert.Equal("create", session.Text("mode"));
        Assert.Equal(3, session.Json.GetProperty("institutions").GetArrayLength());
        refused.Error(HttpStatusCode.BadRequest, "ITEM_ERROR", "INVALID_CREDENTIALS");
        Assert.Equal(2, login.Json.GetProperty("accounts").GetArrayLength());
        var metadata = done.Json.GetProperty("metadata");
        Assert.Equal("First Platypus Bank", metadata.GetProperty("institution").GetProperty("name").GetString());
        var account = Assert.Single(metadata.GetProperty("accounts").EnumerateArray());
        Assert.Equal("0000", account.GetProperty("mask").GetString());
        var exchanged = (await sandbox.PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = done.Text("public_token") })).Ok();
        var accounts = (await sandbox.CallAsync("/accounts/get", exchanged.Text("access_token"))).Ok().Json.GetProperty("accounts");
        Assert.Equal(account.GetProperty("id").GetString(), Assert.Single(accounts.EnumerateArray()).GetProperty("account_id").GetString());
        Assert.Equal(PlaidSandbox.Webhook, sandbox.Simulator.Item(exchanged.Text("item_id"))!.Webhook);
    }

    [Fact]
    public async Task Link_OauthBank_RedirectsWithStateIdAndResumes()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        const string redirect = "http://localhost:5000/banking/plaid/oauth";
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest(redirectUri: redirect))).Ok().Text("link_token");

        var start = (await Api(sandbox, "oauth", token, new() { ["institution_id"] = PlaidInstitution.PlatypusOauthBank })).Ok();
        var stateId = start.Text("oauth_state_id");
        var resumed = (await Api(sandbox, "session", token, new() { ["oauth_state_id"] = stateId })).Ok();
        var done = (await Api(sandbox, "complete", token, new()
        {
            ["institution_id"] = PlaidInstitution.PlatypusOauthBank, ["account_masks"] = new JsonArray("2222", "3333"), ["oauth_state_id"] = stateId,
        })).Ok();

        Assert.Equal(redirect + "?oauth_state_id=" + stateId, start.Text("redirect_uri"));
        Assert.Equal("oauth_return", resumed.Text("mode"));
        Assert.Equal(PlaidInstitution.PlatypusOauthBank, resumed.Json.GetProperty("institution").GetProperty("institution_id").GetString());
        Assert.Equal(2, done.Json.GetProperty("metadata").GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public async Task Link_OauthBankWithoutStateId_CannotComplete()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");

        (await Api(sandbox, "complete", token, new() { ["institution_id"] = PlaidInstitution.PlatypusOauthBank, ["account_masks"] = new JsonArray("2222") }))
            .Error(HttpStatusCode.BadRequest, "INVALID_REQUEST", "INVALID_FIELD");
    }

    [Fact]
    public async Task Link_UpdateMode_RepairsTheSameItem()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        (await sandbox.CallAsync("/sandbox/item/reset_login", accessToken)).Ok();
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest(accessToken: accessToken))).Ok().Text("link_token");

        var session = (await Api(sandbox, "session", token)).Ok();
        (await Api(sandbox, "login", token, new() { ["institution_id"] = PlaidInstitution.FirstPlatypusBank, ["username"] = "user_good", ["password"] = "pass_good" })).Ok();
        var done = (await Api(sandbox, "complete", token, new() { ["institution_id"] = PlaidInstitution.FirstPlatypusBank })).Ok();

        Assert.Equal("update", session.Text("mode"));
        Assert.Equal(PlaidInstitution.FirstPlatypusBank, session.Json.GetProperty("institution").GetProperty("institution_id").GetString());
        Assert.Equal(2, done.Json.GetProperty("metadata").GetProperty("accounts").GetArrayLength());
        (await sandbox.CallAsync("/accounts/get", accessToken)).Ok();
        Assert.Single(sandbox.Simulator.Items());
        var exchanged = (await sandbox.PostAsync("/item/public_token/exchange", new JsonObject { ["public_token"] = done.Text("public_token") })).Ok();
        Assert.Equal((accessToken, itemId), (exchanged.Text("access_token"), exchanged.Text("item_id")));
    }

    [Fact]
    public async Task Link_InstitutionDown_InstitutionDown()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");
        sandbox.Simulator.SetInstitutionDown(PlaidInstitution.FirstPlatypusBank);

        var session = (await Api(sandbox, "session", token)).Ok();
        var login = await Api(sandbox, "login", token, new() { ["institution_id"] = PlaidInstitution.FirstPlatypusBank, ["username"] = "user_good", ["password"] = "pass_good" });

        Assert.Contains(session.Json.GetProperty("institutions").EnumerateArray(), i => i.GetProperty("down").GetBoolean());
        login.Error(HttpStatusCode.BadRequest, "INSTITUTION_ERROR", "INSTITUTION_DOWN");
    }

    [Fact]
    public async Task Link_ExpiredLinkToken_InvalidLinkToken()
    {
        var clock = new Support.ManualClock();
        await using var sandbox = await PlaidSandbox.StartAsync(clock: clock);
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");
        clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));

        (await Api(sandbox, "session", token)).Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_LINK_TOKEN");
    }

    internal static async Task<PlaidReply> Api(PlaidSandbox sandbox, string step, string linkToken, JsonObject? body = null)
    {
        var request = body ?? [];
        request["link_token"] = linkToken;
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        return await sandbox.SendAsync(Stand + "/api/" + step, content);
    }

    [GeneratedRegex(@"(https?:)?//[A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

[Trait("Tier", "Integration")]
public sealed class PlaidLinkStandInMappingTests
{
    [Fact]
    public async Task MapPlaidLinkStandIn_UnderAnAppPrefix_ServesScriptAndApiOnThatOrigin()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapPlaidLinkStandIn(sandbox.Simulator, "/sandbox/plaid");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var token = (await sandbox.PostAsync("/link/token/create", PlaidSimulatorApiTests.LinkTokenRequest())).Ok().Text("link_token");

        var script = await http.GetAsync(new Uri("/sandbox/plaid/link/v2/stable/link-initialize.js", UriKind.Relative));
        using var content = new StringContent(new JsonObject { ["link_token"] = token }.ToJsonString(), Encoding.UTF8, "application/json");
        var session = await http.PostAsync(new Uri("/sandbox/plaid/link/v2/stable/api/session", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        sandbox.Simulator.Faults.Set(new FaultSettings(Outage: true));
        using var again = new StringContent(new JsonObject { ["link_token"] = token }.ToJsonString(), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.PostAsync(new Uri("/sandbox/plaid/link/v2/stable/api/session", UriKind.Relative), again)).StatusCode);
        await app.StopAsync();
    }
}
