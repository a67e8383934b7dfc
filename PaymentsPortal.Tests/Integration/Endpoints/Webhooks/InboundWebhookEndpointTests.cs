using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Braintree;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Webhooks;
using PaymentsPortal.Tests.Integration.Webhooks.Inbound;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Endpoints.Webhooks;

/// <summary>
/// The webhook endpoints over real HTTP, as a provider calls them: no session, no antiforgery token, the signature alone.
/// A refused delivery stores nothing; an accepted one is stored once however often it comes.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class InboundWebhookEndpointTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IAsyncLifetime
{
    private const string CoffeeSecret = "whsec_endpoint_tests_coffee_0123456789";
    private const string NorthwindSecret = "whsec_endpoint_tests_northwind_012345";
    private readonly HttpClient http = new() { BaseAddress = fixture.App.BaseAddress };
    private Guid coffee;
    private Guid northwind;

    public async Task InitializeAsync()
    {
        await using var db = Context(null);
        coffee = await db.Merchants.Where(m => m.Name == DemoData.DemoCoffee).Select(m => m.Id).SingleAsync();
        northwind = await db.Merchants.Where(m => m.Name == DemoData.Northwind).Select(m => m.Id).SingleAsync();
        await UseStripeKeysAsync(coffee, "sk_test_portal_sandbox", CoffeeSecret);

        // Northwind is live: its Stripe key is a live key, so Stripe's test events must not reach its payments.
        await UseStripeKeysAsync(northwind, "sk_live_e2e_tests", NorthwindSecret);
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PostStripe_SignedEvent_Answers200AndStoresItAsReceived()
    {
        var body = StripeEvent(out var eventId);

        using var response = await PostStripeAsync(coffee, body, Sign(body, CoffeeSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await RowsAsync(coffee, eventId));
        Assert.Equal((WebhookProvider.Stripe, "payment_intent.succeeded", false, WebhookInboxStatus.Pending, body),
            (row.Provider, row.EventType, row.Livemode, row.Status, row.Payload));
    }

    [Fact]
    public async Task PostStripe_TamperedBody_Answers400AndStoresNothing()
    {
        var body = StripeEvent(out var eventId);
        var signature = Sign(body, CoffeeSecret, DateTimeOffset.UtcNow);

        using var response = await PostStripeAsync(coffee, body.Replace("\"amount\":1000", "\"amount\":1", StringComparison.Ordinal), signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid signature", await response.Content.ReadAsStringAsync());
        Assert.Empty(await RowsAsync(coffee, eventId));
    }

    [Fact]
    public async Task PostStripe_StaleTimestamp_Answers400AndStoresNothing()
    {
        var body = StripeEvent(out var eventId);

        using var response = await PostStripeAsync(coffee, body, Sign(body, CoffeeSecret, DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tolerance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(coffee, eventId));
    }

    [Fact]
    public async Task PostStripe_SameEventReplayed_Answers200EachTimeAndStoresOneRow()
    {
        var body = StripeEvent(out var eventId);

        using var first = await PostStripeAsync(coffee, body, Sign(body, CoffeeSecret, DateTimeOffset.UtcNow));
        using var replay = await PostStripeAsync(coffee, body, Sign(body, CoffeeSecret, DateTimeOffset.UtcNow));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Equal(("stored", "already stored"), (await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync()));
        Assert.Single(await RowsAsync(coffee, eventId));
    }

    [Fact]
    public async Task PostStripe_MerchantThatDoesNotExist_Answers400AsForAnyBadSignature()
    {
        var body = StripeEvent(out _);

        using var response = await PostStripeAsync(Guid.NewGuid(), body, Sign(body, CoffeeSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid signature", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostStripe_TestModeEventForALiveMerchant_Answers400AndStoresNothing()
    {
        var body = StripeEvent(out var eventId, livemode: false);

        using var response = await PostStripeAsync(northwind, body, Sign(body, NorthwindSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(northwind, eventId));
    }

    [Fact]
    public async Task PostStripe_LiveEventForALiveMerchant_IsStored()
    {
        var body = StripeEvent(out var eventId, livemode: true);

        using var response = await PostStripeAsync(northwind, body, Sign(body, NorthwindSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Assert.Single(await RowsAsync(northwind, eventId)).Livemode);
    }

    [Fact]
    public async Task PostStripe_BodyOverTheCap_Answers413()
    {
        var body = new string('x', 300 * 1024);

        using var response = await PostStripeAsync(coffee, body, Sign(body, CoffeeSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostBraintree_SignedNotification_Answers200AndStoresIt()
    {
        var payload = TestEvents.Braintree("transaction_settled", "ep1", "sale", new Money(1000, Currency.Usd), Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
        var keys = BraintreeSimulatorOptions.Sandbox;

        using var response = await PostBraintreeAsync(coffee, SandboxWebhookSigning.BraintreeSignature(payload, keys.PublicKey, keys.PrivateKey), payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await RowsAsync(coffee, BraintreeEventIds.Of(payload)));
        Assert.Equal((WebhookProvider.Braintree, "transaction_settled", payload), (row.Provider, row.EventType, row.Payload));
    }

    [Fact]
    public async Task PostBraintree_TamperedPayload_Answers400AndStoresNothing()
    {
        var payload = TestEvents.Braintree("transaction_settled", "ep2", "sale", new Money(1000, Currency.Usd), Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
        var keys = BraintreeSimulatorOptions.Sandbox;
        var signature = SandboxWebhookSigning.BraintreeSignature(payload, keys.PublicKey, keys.PrivateKey);
        var tampered = TestEvents.Braintree("transaction_settled", "ep2", "sale", new Money(1, Currency.Usd), Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);

        using var response = await PostBraintreeAsync(coffee, signature, tampered);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await RowsAsync(coffee, BraintreeEventIds.Of(tampered)));
    }

    private static string StripeEvent(out string eventId, bool livemode = false)
    {
        eventId = "evt_" + Guid.NewGuid().ToString("N");
        var intent = TestEvents.Intent("pi_endpoint", Guid.NewGuid(), Guid.NewGuid(), new Money(1000, Currency.Usd), "succeeded");
        return TestEvents.Stripe("payment_intent.succeeded", intent, DateTimeOffset.UtcNow, livemode, eventId);
    }

    private static string Sign(string body, string secret, DateTimeOffset at) => SandboxWebhookSigning.StripeSignature(body, secret, at);

    private async Task<HttpResponseMessage> PostStripeAsync(Guid merchantId, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/webhooks/stripe/{merchantId}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", signature);
        return await http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostBraintreeAsync(Guid merchantId, string signature, string payload)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["bt_signature"] = signature, ["bt_payload"] = payload });
        return await http.PostAsync(new Uri($"/webhooks/braintree/{merchantId}", UriKind.Relative), content);
    }

    private async Task<List<WebhookInboxEntry>> RowsAsync(Guid merchantId, string eventId)
    {
        await using var db = Context(merchantId);
        return await db.WebhookInbox.AsNoTracking().Where(e => e.EventId == eventId).ToListAsync();
    }

    private async Task UseStripeKeysAsync(Guid merchantId, string apiKey, string webhookSecret)
    {
        var protector = fixture.App.Service<GatewayCredentialProtector>();
        await using (var db = Context(merchantId))
        {
            var stripe = await db.MerchantGateways.SingleAsync(g => g.Gateway == GatewayKind.Stripe);
            stripe.ProtectedSecret = protector.Protect(apiKey);
            await db.SaveChangesAsync();
        }

        var saved = await fixture.App.Service<WebhookSecretAdministration>().ReplaceStripeSecretAsync(merchantId, TestActors.Someone, webhookSecret);
        Assert.True(saved.Succeeded, saved.Error);
    }

    private Core.Persistence.PortalDbContext Context(Guid? merchant) =>
        CoreHost.CreateContext(fixture.Database.AppConnectionString, new Core.Tenancy.FixedTenantScope(merchant));
}
