using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class SignOutTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task SignOut_ThroughUserMenu_EndsTheSessionAndProtectedPagesAskForSignIn()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/members");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=members-table]")).ToBeVisibleAsync();

        await page.SignOutThroughMenuAsync();
        await Assertions.Expect(page.Locator("[data-test=login-submit]")).ToBeVisibleAsync();

        await page.GotoAsync("/members");
        await page.WaitForURLAsync("**/account/login?*");
        Assert.Contains("ReturnUrl=%2Fmembers", page.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator("[data-test=members-table]")).ToHaveCountAsync(0);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "pp.auth");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_AfterSigningOut_TheBackButtonDoesNotReopenTheSession()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("support@demo.local");
        await page.SignOutThroughMenuAsync();

        await page.GoBackAsync();
        await page.WaitForURLAsync("**/account/login**");
        await Assertions.Expect(page.Locator("[data-test=shell]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_ShowsErrorsAndKeepsTheOldPassword()
    {
        const string email = "viewer@demo.local";
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(email);

        await page.ChangePasswordAsync("Not-The-Passw0rd!", "Another-Passw0rd!");

        await Assertions.Expect(page.Locator("[data-test=password-errors]")).ToBeVisibleAsync();
        Assert.Contains("/account/manage/password", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.SignOutThroughMenuAsync();
        await page.SignInAsync(email, DemoData.Password);
        await Assertions.Expect(page.Locator("[data-test=home-title]")).ToContainTextAsync(DemoData.DemoCoffee);
        await page.Context.CloseAsync();
    }
}
