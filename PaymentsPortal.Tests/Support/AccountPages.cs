using Microsoft.Playwright;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Core.Merchants;

namespace PaymentsPortal.Tests.Support;

/// <summary>Page-object steps for the static account pages (sign-out, password, two-factor) and small test helpers.</summary>
public static class AccountPages
{
    /// <summary>Signs out through the user menu in the app bar; the page must be interactive.</summary>
    public static async Task SignOutThroughMenuAsync(this IPage page)
    {
        await page.ClickAsync("[data-test=user-menu-button]");
        await page.ClickAsync("[data-test=sign-out]");
        await page.WaitForURLAsync("**/account/login**");
    }

    /// <summary>Turns on two-factor on /account/manage/two-factor; returns the authenticator key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrollTwoFactorAsync(this IPage page)
    {
        await page.GotoAsync("/account/manage/two-factor");
        var key = (await page.Locator("[data-test=authenticator-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-test=authenticator-qr]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        await page.FillAsync("[data-test=enroll-code]", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("[data-test=enroll-submit]");
        await Assertions.Expect(page.Locator("[data-test=recovery-codes]")).ToBeVisibleAsync();
        IReadOnlyList<string> codes = [.. (await page.Locator("[data-test=recovery-code-item]").AllInnerTextsAsync()).Select(c => c.Trim())];
        return (key, codes);
    }

    /// <summary>A six-digit code that is valid in none of the time steps an authenticator check accepts around now.</summary>
    public static string WrongTotpCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    public static async Task ChangePasswordAsync(this IPage page, string current, string next)
    {
        await page.GotoAsync("/account/manage/password");
        await page.FillAsync("[data-test=current-password]", current);
        await page.FillAsync("[data-test=new-password]", next);
        await page.FillAsync("[data-test=confirm-password]", next);
        await page.ClickAsync("[data-test=change-password-submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public static async Task<Guid> MerchantIdAsync(this PortalAppFactory app, string name) =>
        (await app.Service<MerchantAdministration>().ListAsync()).Single(m => m.Name == name).Id;

    public static async Task<MemberRow> MemberAsync(this PortalAppFactory app, Guid merchantId, string email) =>
        (await app.Service<MemberAdministration>().ListAsync(merchantId)).Single(m => m.Email == email);

    /// <summary>A fresh browser context (its own cookies) on the app.</summary>
    public static Task<IPage> NewPageAsync(this BrowserFixture browser, PortalAppFixture fixture) =>
        browser.NewPageAsync(fixture.App.BaseAddress);
}
