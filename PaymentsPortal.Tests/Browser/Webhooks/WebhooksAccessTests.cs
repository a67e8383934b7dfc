using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Webhooks;

/// <summary>Who reaches the webhooks pages: Admins only, and only their own merchant's endpoints.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class WebhooksAccessTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Theory]
    [InlineData("viewer@demo.local")]
    [InlineData("operator@demo.local")]
    [InlineData("support@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task NonAdmin_HasNoWebhooksEntry_AndIsDeniedByUrl(string email)
    {
        var (endpointId, _) = await AddEndpointAsync(DemoData.DemoCoffee);
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(email);

        Assert.DoesNotContain("Webhooks", await page.NavigationEntriesAsync());
        await Assertions.Expect(page.Locator("[data-test=nav-webhooks]")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/settings/webhooks", $"/settings/webhooks/{endpointId}", "/settings/webhooks/received" })
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync("**/access-denied**");
            await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=webhook-add], [data-test=webhook-endpoint-title]")).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_FollowsTheWebhooksEntry_AndOpensAnEndpoint()
    {
        var (endpointId, url) = await AddEndpointAsync(DemoData.DemoCoffee);
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");

        await page.ClickAsync("[data-test=nav-webhooks]");
        await page.WaitForURLAsync("**/settings/webhooks");
        await page.WaitForInteractiveAsync();
        await page.Locator($"[data-test=webhook-endpoint-row][data-endpoint-id='{endpointId}'] [data-test=webhook-endpoint-link]").ClickAsync();

        await page.WaitForURLAsync($"**/settings/webhooks/{endpointId}");
        await Assertions.Expect(page.Locator("[data-test=webhook-endpoint-title]")).ToHaveTextAsync(url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_OpensTheEventsReceivedFromTheWebhooksPage()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/settings/webhooks");
        await page.WaitForInteractiveAsync();

        await page.ClickAsync("[data-test=webhook-received-link]");

        await page.WaitForURLAsync("**/settings/webhooks/received");
        await Assertions.Expect(page.Locator("[data-test=received-page]")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.Locator("[data-test=received-table]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=received-failed-count]")).ToContainTextAsync("failed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_OpensAnotherMerchantsEndpointByUrl_SeesNotFoundAndNothingOfIt()
    {
        var (theirs, url) = await AddEndpointAsync(DemoData.Northwind);
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");

        await page.GotoAsync($"/settings/webhooks/{theirs}");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=webhook-endpoint-not-found]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=webhook-endpoint-title], [data-test=webhook-send-test], [data-test=webhook-deliveries-table]"))
            .ToHaveCountAsync(0);
        Assert.DoesNotContain(url, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    // Each endpoint gets a URL of its own, so tests sharing the app's merchants never mistake one another's.
    private async Task<(Guid Id, string Url)> AddEndpointAsync(string merchant)
    {
        var url = $"https://receiver.example.com/{Guid.NewGuid():N}";
        var created = await fixture.App.Service<WebhookEndpointAdministration>()
            .CreateAsync(await fixture.App.MerchantIdAsync(merchant), TestActors.Someone, new(url, null, []));
        Assert.True(created.Succeeded, created.Error);
        return (created.Value!.EndpointId, url);
    }
}
