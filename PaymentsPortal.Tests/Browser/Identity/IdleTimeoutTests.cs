using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class IdleTimeoutTests(BrowserFixture browser, IdleTimeoutTests.ShortIdleFixture fixture) : IClassFixture<IdleTimeoutTests.ShortIdleFixture>
{
    [Fact]
    public async Task OpenSession_NoActivityForTheIdleTimeout_IsSignedOut()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("viewer@demo.local");

        // No input reaches the page, so the idle timer (3 s here) posts the sign-out form.
        await page.WaitForURLAsync("**/account/login?reason=idle", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-test=idle-notice]")).ToBeVisibleAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    public sealed class ShortIdleFixture : PortalAppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:IdleTimeout"] = "00:00:03",
        };
    }
}
