using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class LockoutTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    private const string WrongPassword = "Wrong-Passw0rd!";

    [Fact]
    public async Task SignIn_TenWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        const string email = "support@demo.local";
        var page = await browser.NewPageAsync(fixture);

        for (var attempt = 1; attempt < IdentityServiceCollectionExtensions.MaxFailedSignIns; attempt++)
        {
            await page.SubmitSignInAsync(email, WrongPassword);
            await Assertions.Expect(page.Locator("[data-test=login-error]")).ToBeVisibleAsync();
            Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        }

        // The tenth failure locks the account.
        await page.SubmitSignInAsync(email, WrongPassword);
        await page.WaitForURLAsync("**/account/lockout");
        await Assertions.Expect(page.Locator("[data-test=locked-out]")).ToBeVisibleAsync();

        // The right password no longer signs in while the lockout lasts.
        await page.SubmitSignInAsync(email);
        await page.WaitForURLAsync("**/account/lockout");
        await Assertions.Expect(page.Locator("[data-test=locked-out]")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**");

        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        Assert.True((await fixture.App.MemberAsync(merchant, email)).IsLockedOut);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownEmail_ShowsTheSameErrorWithoutRevealingTheAccount()
    {
        var page = await browser.NewPageAsync(fixture);

        await page.SubmitSignInAsync("viewer@demo.local", WrongPassword);
        var knownError = page.Locator("[data-test=login-error]");
        await Assertions.Expect(knownError).ToBeVisibleAsync();
        var knownMessage = await knownError.InnerTextAsync();

        await page.SubmitSignInAsync("nobody-" + Guid.NewGuid().ToString("N")[..8] + "@demo.local", WrongPassword);
        var unknownError = page.Locator("[data-test=login-error]");
        await Assertions.Expect(unknownError).ToBeVisibleAsync();

        Assert.Equal(knownMessage, await unknownError.InnerTextAsync());
        Assert.DoesNotContain("viewer@demo.local", knownMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
