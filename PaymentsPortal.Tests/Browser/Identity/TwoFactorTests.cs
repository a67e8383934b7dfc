using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class TwoFactorTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Enroll_AuthenticatorCode_TurnsOnTwoFactorAndShowsTenRecoveryCodes()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("viewer@demo.local");

        var (key, codes) = await page.EnrollTwoFactorAsync();

        Assert.NotEmpty(key);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.False(string.IsNullOrWhiteSpace(c)));
        await page.GotoAsync("/account/manage/two-factor");
        await Assertions.Expect(page.Locator("[data-test='2fa-enabled']")).ToContainTextAsync("Recovery codes left: 10");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_EnrolledUser_NeedsTheCurrentAuthenticatorCode()
    {
        const string email = "operator@demo.local";
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(email);
        var (key, _) = await page.EnrollTwoFactorAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.SignOutThroughMenuAsync();

        await page.SubmitSignInAsync(email);
        await page.WaitForURLAsync("**/account/login-2fa**");
        await Assertions.Expect(page.Locator("[data-test=shell]")).ToHaveCountAsync(0);

        await page.FillAsync("[data-test='2fa-code']", AccountPages.WrongTotpCode(key));
        await page.ClickAsync("[data-test='2fa-submit']");
        await Assertions.Expect(page.Locator("[data-test='2fa-error']")).ToBeVisibleAsync();
        Assert.Contains("/account/login-2fa", page.Url, StringComparison.Ordinal);

        // The enrolment spent the current step's code (codes work once), so the app's next code is used.
        await page.FillAsync("[data-test='2fa-code']", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.ClickAsync("[data-test='2fa-submit']");
        await page.WaitForInteractiveAsync();
        Assert.Equal(new Uri(fixture.App.BaseAddress, "/"), new Uri(page.Url));
        await Assertions.Expect(page.Locator("[data-test=user-menu-button]")).ToContainTextAsync("Omar Operator");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnceOnly()
    {
        const string email = "compliance@demo.local";
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(email);
        var (_, codes) = await page.EnrollTwoFactorAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.SignOutThroughMenuAsync();

        await SubmitRecoveryCodeAsync(page, email, codes[0]);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=user-menu-button]")).ToContainTextAsync("Cora Compliance");
        await page.SignOutThroughMenuAsync();

        await SubmitRecoveryCodeAsync(page, email, codes[0]);
        await Assertions.Expect(page.Locator("[data-test=recovery-error]")).ToBeVisibleAsync();
        Assert.Contains("/account/login-recovery", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**");
        await page.Context.CloseAsync();
    }

    private static async Task SubmitRecoveryCodeAsync(IPage page, string email, string code)
    {
        await page.SubmitSignInAsync(email);
        await page.WaitForURLAsync("**/account/login-2fa**");
        await page.ClickAsync("[data-test=use-recovery-code]");
        await page.WaitForURLAsync("**/account/login-recovery**");
        await page.FillAsync("[data-test=recovery-code]", code);
        await page.ClickAsync("[data-test=recovery-submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
