using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

[Trait("Tier", "Integration")]
public sealed class PlaidItemEndpointTests
{
    [Fact]
    public async Task AuthGet_InstantAuthItem_FakeAchNumbers()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync();

        var reply = (await sandbox.CallAsync("/auth/get", accessToken)).Ok();

        var ach = reply.Json.GetProperty("numbers").GetProperty("ach").EnumerateArray().ToList();
        Assert.Equal(["1111222233330000", "1111222233331111"], ach.Select(n => n.GetProperty("account").GetString()));
        Assert.All(ach, n => Assert.Equal("011401533", n.GetProperty("routing").GetString()));
        Assert.Empty(reply.Json.GetProperty("numbers").GetProperty("eft").EnumerateArray());
        Assert.Equal("INSTANT_AUTH", reply.Json.GetProperty("item").GetProperty("auth_method").GetString());
    }

    [Fact]
    public async Task AuthGet_MicrodepositItem_ProductNotReadyUntilVerified()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync(PlaidInstitution.FirstGinghamCreditUnion);
        var accounts = (await sandbox.CallAsync("/accounts/get", accessToken)).Ok().Json.GetProperty("accounts").EnumerateArray().ToList();
        Assert.All(accounts, a => Assert.Equal("pending_automatic_verification", a.GetProperty("verification_status").GetString()));

        (await sandbox.CallAsync("/auth/get", accessToken)).Error(HttpStatusCode.BadRequest, "ITEM_ERROR", "PRODUCT_NOT_READY");
        foreach (var account in accounts)
        {
            (await sandbox.CallAsync("/sandbox/item/set_verification_status", accessToken, new JsonObject
            {
                ["account_id"] = account.GetProperty("account_id").GetString(),
                ["verification_status"] = "automatically_verified",
            })).Ok();
        }

        var auth = (await sandbox.CallAsync("/auth/get", accessToken)).Ok();
        Assert.Equal(2, auth.Json.GetProperty("numbers").GetProperty("ach").GetArrayLength());
        Assert.Equal(2, sandbox.Webhooks.Of(itemId, "AUTOMATICALLY_VERIFIED").Count);
    }

    [Fact]
    public async Task ItemGet_NewItem_ItemWithConsentFieldsAndStatus()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync(PlaidInstitution.PlatypusOauthBank);

        var reply = (await sandbox.CallAsync("/item/get", accessToken)).Ok();

        var item = reply.Json.GetProperty("item");
        Assert.Equal(itemId, item.GetProperty("item_id").GetString());
        Assert.Equal("Platypus OAuth Bank", item.GetProperty("institution_name").GetString());
        Assert.Equal(["auth", "transactions"], item.GetProperty("billed_products").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["balance"], item.GetProperty("available_products").EnumerateArray().Select(p => p.GetString()));
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("consent_expiration_time").ValueKind);
        Assert.Equal("background", item.GetProperty("update_type").GetString());
        var status = reply.Json.GetProperty("status");
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("transactions").GetProperty("last_successful_update").ValueKind);
        Assert.Equal("SYNC_UPDATES_AVAILABLE", status.GetProperty("last_webhook").GetProperty("code_sent").GetString());
    }

    [Fact]
    public async Task ItemRemove_ThenAnyCall_InvalidAccessToken()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();

        (await sandbox.CallAsync("/item/remove", accessToken, new JsonObject { ["reason_code"] = "OTHER" })).Ok();

        (await sandbox.CallAsync("/accounts/get", accessToken)).Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_ACCESS_TOKEN");
        Assert.True(sandbox.Simulator.Item(itemId)!.Removed);
    }
}
