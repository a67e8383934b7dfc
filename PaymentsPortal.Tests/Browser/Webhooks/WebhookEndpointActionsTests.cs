using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Webhooks;

/// <summary>
/// The endpoint page's own buttons: edit, disable (canceling what waits), enable and delete. No dispatcher runs in this app, so
/// a test event stays Pending until the page cancels it.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class WebhookEndpointActionsTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Admin_EditsDisablesEnablesAndDeletesAnEndpoint()
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var url = $"https://orders.example.com/{Guid.NewGuid():N}";
        var created = await fixture.App.Service<WebhookEndpointAdministration>().CreateAsync(coffee, TestActors.Someone, new WebhookEndpointInput(url, null, []));
        Assert.True(created.Succeeded, created.Error);
        var id = created.Value!.EndpointId;
        Assert.True((await fixture.App.Service<WebhookDeliveryActions>().SendTestAsync(coffee, TestActors.Someone, id)).Succeeded);
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync($"/settings/webhooks/{id}");
        await admin.WaitForInteractiveAsync();
        await Assertions.Expect(admin.Deliveries()).ToHaveAttributeAsync("data-status", "Pending");

        var moved = $"https://ledger.example.com/{Guid.NewGuid():N}";
        await admin.ClickAsync("[data-test=webhook-edit]");
        await Assertions.Expect(admin.Locator("[data-test=webhook-url]")).ToHaveValueAsync(url);
        await admin.FillAsync("[data-test=webhook-url]", moved);
        await admin.FillAsync("[data-test=webhook-description]", "Ledger");
        await admin.Locator($"[data-test=webhook-event][data-type='{WebhookEventTypes.RefundFailed}']").CheckAsync();
        await admin.ClickAsync("[data-test=webhook-endpoint-submit]");
        await Assertions.Expect(admin.Locator("[data-test=webhook-endpoint-title]")).ToHaveTextAsync(moved);
        await Assertions.Expect(admin.Locator("[data-test=webhook-summary-description]")).ToHaveTextAsync("Ledger");
        await Assertions.Expect(admin.Locator("[data-test=webhook-summary-events]")).ToHaveTextAsync(WebhookEventTypes.RefundFailed);

        // Disabling says what it cancels, and cancels it.
        await admin.ClickAsync("[data-test=webhook-disable]");
        await Assertions.Expect(admin.Locator("[data-test=confirm-dialog]")).ToContainTextAsync("The 1 delivery waiting for it is canceled");
        await admin.ClickAsync("[data-test=confirm-ok]");
        await Assertions.Expect(admin.EndpointHealth()).ToHaveAttributeAsync("data-health", "Disabled");
        await Assertions.Expect(admin.Deliveries()).ToHaveAttributeAsync("data-status", "Canceled");
        await Assertions.Expect(admin.Locator("[data-test=webhook-send-test]")).ToBeDisabledAsync();

        await admin.ClickAsync("[data-test=webhook-enable]");
        await Assertions.Expect(admin.EndpointHealth()).ToHaveAttributeAsync("data-health", "Healthy");
        await Assertions.Expect(admin.Locator("[data-test=webhook-send-test]")).ToBeEnabledAsync();

        await admin.ClickAsync("[data-test=webhook-delete]");
        await Assertions.Expect(admin.Locator("[data-test=confirm-dialog]")).ToContainTextAsync(moved);
        await admin.ClickAsync("[data-test=confirm-ok]");
        await admin.WaitForURLAsync("**/settings/webhooks");
        await Assertions.Expect(admin.Locator("[data-test=webhook-add]")).ToBeEnabledAsync();
        await Assertions.Expect(admin.Locator($"[data-test=webhook-endpoint-row][data-endpoint-id='{id}']")).ToHaveCountAsync(0);
        Assert.Null(await fixture.App.Service<WebhookDeliveryQueries>().EndpointAsync(coffee, id));
        await admin.Context.CloseAsync();
    }
}
