using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentsPortal.Sandbox.Plaid;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

[Trait("Tier", "Integration")]
public sealed class PlaidWebhookTests
{
    [Fact]
    public async Task ResetLogin_ItemLoginRequiredOnDataCallsAndItemErrorWebhook()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();

        var reset = (await sandbox.CallAsync("/sandbox/item/reset_login", accessToken)).Ok();

        Assert.True(reset.Json.GetProperty("reset_login").GetBoolean());
        (await sandbox.CallAsync("/accounts/get", accessToken)).Error(HttpStatusCode.BadRequest, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED");
        (await PlaidTransactionsSyncTests.Sync(sandbox, accessToken, "", 10)).Error(HttpStatusCode.BadRequest, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED");
        var item = (await sandbox.CallAsync("/item/get", accessToken)).Ok().Json.GetProperty("item");
        Assert.Equal("ITEM_LOGIN_REQUIRED", item.GetProperty("error").GetProperty("error_code").GetString());
        var webhook = Assert.Single(sandbox.Webhooks.Of(itemId, "ERROR"));
        Assert.Equal(new Uri(PlaidSandbox.Webhook), webhook.Url);
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal("ITEM", body.RootElement.GetProperty("webhook_type").GetString());
        Assert.Equal(itemId, body.RootElement.GetProperty("item_id").GetString());
        Assert.Equal("sandbox", body.RootElement.GetProperty("environment").GetString());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("ITEM_LOGIN_REQUIRED", error.GetProperty("error_code").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.False(error.TryGetProperty("request_id", out _));
    }

    [Fact]
    public async Task Webhook_VerificationJwt_VerifiesWithServedJwkAndBodyHash()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (_, itemId) = await sandbox.LinkItemAsync();
        var webhook = Assert.Single(sandbox.Webhooks.Of(itemId, "SYNC_UPDATES_AVAILABLE"));

        var (header, payload) = await VerifyAsync(sandbox, webhook.Body, webhook.Verification);

        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - payload.GetProperty("iat").GetInt64()) < 300);
        Assert.Contains("\n  \"webhook_type\": \"TRANSACTIONS\"", webhook.Body, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.True(body.RootElement.GetProperty("initial_update_complete").GetBoolean());
        Assert.True(body.RootElement.GetProperty("historical_update_complete").GetBoolean());
    }

    [Fact]
    public async Task RotateWebhookKey_NewKidSigns_OldKeyServedWithExpiredAt()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var before = Assert.Single(sandbox.Webhooks.Of(itemId, "SYNC_UPDATES_AVAILABLE"));
        var (oldHeader, _) = Decode(before.Verification);

        var newKid = sandbox.Simulator.RotateWebhookKey();
        (await sandbox.CallAsync("/sandbox/item/fire_webhook", accessToken, new JsonObject { ["webhook_code"] = "DEFAULT_UPDATE" })).Ok();

        var after = Assert.Single(sandbox.Webhooks.Of(itemId, "DEFAULT_UPDATE"));
        var (newHeader, _) = await VerifyAsync(sandbox, after.Body, after.Verification);
        Assert.Equal(newKid, newHeader.GetProperty("kid").GetString());
        var oldKey = (await sandbox.PostAsync("/webhook_verification_key/get", new JsonObject { ["key_id"] = oldHeader.GetProperty("kid").GetString() })).Ok();
        Assert.Equal(JsonValueKind.Number, oldKey.Json.GetProperty("key").GetProperty("expired_at").ValueKind);
        var newKey = (await sandbox.PostAsync("/webhook_verification_key/get", new JsonObject { ["key_id"] = newKid })).Ok();
        Assert.Equal(JsonValueKind.Null, newKey.Json.GetProperty("key").GetProperty("expired_at").ValueKind);
    }

    [Fact]
    public async Task WebhookVerificationKeyGet_UnknownKid_InvalidKeyId()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();

        (await sandbox.PostAsync("/webhook_verification_key/get", new JsonObject { ["key_id"] = Guid.NewGuid().ToString() }))
            .Error(HttpStatusCode.BadRequest, "INVALID_INPUT", "INVALID_WEBHOOK_VERIFICATION_KEY_ID");
    }

    [Theory]
    [InlineData("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE")]
    [InlineData("TRANSACTIONS", "DEFAULT_UPDATE")]
    [InlineData("AUTH", "DEFAULT_UPDATE")]
    [InlineData("ITEM", "PENDING_DISCONNECT")]
    [InlineData("ITEM", "PENDING_EXPIRATION")]
    [InlineData("ITEM", "LOGIN_REPAIRED")]
    public async Task FireWebhook_KnownCode_SendsThatWebhook(string type, string code)
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync();
        var sentBefore = sandbox.Webhooks.Published.Count;

        var reply = (await sandbox.CallAsync("/sandbox/item/fire_webhook", accessToken, new JsonObject { ["webhook_type"] = type, ["webhook_code"] = code })).Ok();

        Assert.True(reply.Json.GetProperty("webhook_fired").GetBoolean());
        var webhook = Assert.Single(sandbox.Webhooks.Published.Skip(sentBefore));
        Assert.Equal((type, code, itemId), (webhook.WebhookType, webhook.WebhookCode, webhook.ItemId));
        using var body = JsonDocument.Parse(webhook.Body);
        if (code == "PENDING_DISCONNECT")
        {
            Assert.Equal("INSTITUTION_TOKEN_EXPIRATION", body.RootElement.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task FireWebhook_ItemWithoutWebhook_SandboxWebhookInvalid()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, _) = await sandbox.LinkItemAsync(webhook: null);

        (await sandbox.CallAsync("/sandbox/item/fire_webhook", accessToken, new JsonObject { ["webhook_code"] = "DEFAULT_UPDATE" }))
            .Error(HttpStatusCode.BadRequest, "SANDBOX_ERROR", "SANDBOX_WEBHOOK_INVALID");
    }

    [Fact]
    public async Task ConsentExpiry_PendingExpirationThenLoginRequiredWithOauthReason()
    {
        await using var sandbox = await PlaidSandbox.StartAsync();
        var (accessToken, itemId) = await sandbox.LinkItemAsync(PlaidInstitution.PlatypusOauthBank);
        var expires = DateTimeOffset.UtcNow.AddDays(7);

        Assert.True(sandbox.Simulator.SetConsentExpiration(itemId, expires));
        Assert.True(sandbox.Simulator.ExpireConsent(itemId));

        using var pending = JsonDocument.Parse(Assert.Single(sandbox.Webhooks.Of(itemId, "PENDING_EXPIRATION")).Body);
        Assert.False(string.IsNullOrEmpty(pending.RootElement.GetProperty("consent_expiration_time").GetString()));
        var error = (await sandbox.CallAsync("/accounts/get", accessToken)).Error(HttpStatusCode.BadRequest, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED");
        Assert.Equal("OAUTH_CONSENT_EXPIRED", error.Json.GetProperty("error_code_reason").GetString());
        Assert.Single(sandbox.Webhooks.Of(itemId, "ERROR"));
    }

    [Fact]
    public async Task Sender_DeliversSignedWebhookOverHttp_RetryingAfterA500()
    {
        var received = new List<(string Body, string? Verification)>();
        var answers = new Queue<int>([500, 200]);
        await using var receiver = await PlaidTestReceiver.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (received)
            {
                received.Add((body, context.Request.Headers[PlaidWebhook.VerificationHeader].ToString()));
                context.Response.StatusCode = answers.Dequeue();
            }
        });
        using var keys = new PlaidWebhookKeys();
        using var http = new HttpClient();
        using var sender = new PlaidWebhookSender(http, keys, new PaymentsPortal.Sandbox.Webhooks.SandboxWebhookOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(50) });
        await sender.StartAsync(CancellationToken.None);
        var simulator = new PlaidSimulator(webhooks: sender, keys: keys);
        var item = simulator.CreateItem(webhook: new Uri(receiver.Address, "plaid").ToString());

        Assert.True(simulator.ResetLogin(item.ItemId));

        await Support.Eventually.UntilAsync(() => Task.FromResult(sender.Acknowledged), n => n == 1, TimeSpan.FromSeconds(10), "the retried delivery");
        await sender.StopAsync(CancellationToken.None);
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Body, received[1].Body);
        var served = keys.Find(Decode(received[1].Verification!).Header.GetProperty("kid").GetString()!)!;
        Verify(received[1].Body, received[1].Verification!, served.ToJwk());
    }

    /// <summary>Verifies as a receiver must: the JWK by kid from the API, the ES256 signature, then the body's SHA-256.</summary>
    internal static async Task<(JsonElement Header, JsonElement Payload)> VerifyAsync(PlaidSandbox sandbox, string body, string jwt)
    {
        var (header, _) = Decode(jwt);
        var key = (await sandbox.PostAsync("/webhook_verification_key/get", new JsonObject { ["key_id"] = header.GetProperty("kid").GetString() })).Ok();
        return Verify(body, jwt, JsonNode.Parse(key.Json.GetProperty("key").GetRawText())!.AsObject());
    }

    private static (JsonElement Header, JsonElement Payload) Verify(string body, string jwt, JsonObject jwk)
    {
        Assert.Equal("EC", jwk["kty"]!.GetValue<string>());
        Assert.Equal("P-256", jwk["crv"]!.GetValue<string>());
        Assert.Equal("ES256", jwk["alg"]!.GetValue<string>());
        Assert.Equal("sig", jwk["use"]!.GetValue<string>());
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FromBase64Url(jwk["x"]!.GetValue<string>()), Y = FromBase64Url(jwk["y"]!.GetValue<string>()) },
        });
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256), "ES256 signature");
        var (header, payload) = Decode(jwt);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(payload.GetProperty("request_body_sha256").GetString()!)));
        return (header, payload);
    }

    internal static (JsonElement Header, JsonElement Payload) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        return (header.RootElement.Clone(), payload.RootElement.Clone());
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
