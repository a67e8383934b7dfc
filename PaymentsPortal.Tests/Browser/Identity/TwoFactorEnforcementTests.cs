using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class TwoFactorEnforcementTests(BrowserFixture browser, TwoFactorRequiredFixture fixture) : IClassFixture<TwoFactorRequiredFixture>
{
    [Fact]
    public async Task OpenMembers_AdminWithoutTwoFactor_IsSentToEnrollAndGetsInAfterEnrolling()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await Assertions.Expect(page.Locator("[data-test=must-enroll-2fa]")).ToBeVisibleAsync();
        Assert.Equal(["Home", "My account"], await page.NavigationEntriesAsync());

        await page.GotoAsync("/members");
        await page.WaitForURLAsync("**/account/manage/two-factor");
        await Assertions.Expect(page.Locator("[data-test='2fa-required']")).ToBeVisibleAsync();

        await page.EnrollTwoFactorAsync();
        await page.GotoAsync("/members");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=members-table]")).ToBeVisibleAsync();
        Assert.EndsWith("/members", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=home-title]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=must-enroll-2fa]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_ViewerWithoutTwoFactor_IsNotAskedToEnroll()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("viewer@demo.local");

        await Assertions.Expect(page.Locator("[data-test=home-title]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=must-enroll-2fa]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
