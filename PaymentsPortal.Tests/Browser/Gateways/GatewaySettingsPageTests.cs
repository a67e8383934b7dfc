using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Gateways;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class GatewaySettingsPageTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Admin_SeesTheSandboxChainAndReordersIt()
    {
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@northwind.local");
        await admin.ClickAsync("[data-test=nav-gateways]");
        await admin.WaitForInteractiveAsync();
        var names = admin.Locator("[data-test=gateway-name]");
        await Assertions.Expect(names).ToHaveTextAsync(["Stripe", "Braintree"]);
        // Secrets are never shown, only their last four characters.
        await Assertions.Expect(admin.Locator("[data-test=gateway-secret-hint]").First).ToHaveTextAsync("…dbox");

        await admin.Locator("[data-test=gateway-up]").Nth(1).ClickAsync();

        await Assertions.Expect(names).ToHaveTextAsync(["Braintree", "Stripe"]);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Operator_HasNoGatewaysEntryAndIsTurnedAwayByUrl()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");

        Assert.DoesNotContain("Gateways", await page.NavigationEntriesAsync());
        await page.GotoAsync("/settings/gateways");
        await page.WaitForURLAsync("**/access-denied**");
        await page.Context.CloseAsync();
    }
}
