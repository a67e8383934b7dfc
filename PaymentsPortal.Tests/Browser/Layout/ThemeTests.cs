using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Layout;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class ThemeTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task ThemeToggle_Clicked_SwitchesThemeAndRemembersItAfterReload()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("viewer@demo.local");
        var shell = page.Locator("[data-test=shell]");
        await Assertions.Expect(shell).ToHaveAttributeAsync("data-theme", "light");

        await page.ClickAsync("[data-test=theme-toggle]");
        await Assertions.Expect(shell).ToHaveAttributeAsync("data-theme", "dark");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(shell).ToHaveAttributeAsync("data-theme", "dark");
        await page.Context.CloseAsync();
    }
}
