using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Endpoints.Webhooks;

/// <summary>
/// POST /webhooks/plaid/{merchant} over real HTTP in the running app, as Plaid calls it: verified against the key the app's Plaid
/// (its Sandbox simulator) publishes; a webhook signed by anyone else is refused and nothing is stored.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PlaidWebhookEndpointTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fixture.App.BaseAddress };

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task PostPlaid_SignedByThePublishedKey_Answers200AndStoresIt_OthersGet400AndNothing()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var body = $$"""{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"item-endpoint-{{Guid.NewGuid():N}}","initial_update_complete":true,"historical_update_complete":true,"environment":"sandbox"}""";
        var published = fixture.App.Service<PlaidSimulator>().WebhookKeys;

        using var forged = await PostAsync(coffee, body, new PlaidWebhookKeys().Sign(body));
        using var unsigned = await PostAsync(coffee, body, null);
        using var accepted = await PostAsync(coffee, body, published.Sign(body));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK), (forged.StatusCode, unsigned.StatusCode, accepted.StatusCode));
        await using var db = CoreHost.CreateContext(fixture.App.Database.AppConnectionString, new FixedTenantScope(coffee));
        var stored = await db.WebhookInbox.AsNoTracking().Where(e => e.Provider == WebhookProvider.Plaid && e.Payload == body).ToListAsync();
        Assert.Equal("TRANSACTIONS:SYNC_UPDATES_AVAILABLE", Assert.Single(stored).EventType);
    }

    private async Task<HttpResponseMessage> PostAsync(Guid merchantId, string body, string? verification)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/plaid/{merchantId:D}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (verification is not null)
        {
            request.Headers.Add("Plaid-Verification", verification);
        }

        return await http.SendAsync(request);
    }
}
