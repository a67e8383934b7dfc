using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;

namespace PaymentsPortal.Tests.Support;

/// <summary>Page-object steps shared by the browser tests; selectors are data-test attributes.</summary>
public static class PortalPages
{
    public static async Task SubmitSignInAsync(this IPage page, string email, string password = DemoData.Password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("[data-test=login-email]", email);
        await page.FillAsync("[data-test=login-password]", password);
        await page.ClickAsync("[data-test=login-submit]");

        // The click waits for the form's navigation to commit. Waiting on a load event after it could miss the event (a document that
        // loaded before the wait began, after a forced redirect raced the submit), so callers wait for what the answer shows instead:
        // the signed-in shell, or the form's error.
    }

    /// <summary>Signs in and waits until the shell is interactive, so clicks reach the circuit.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = DemoData.Password)
    {
        await page.SubmitSignInAsync(email, password);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-test=shell][data-interactive=true]").WaitForAsync();

    public static async Task<IReadOnlyList<string>> NavigationEntriesAsync(this IPage page) =>
        [.. (await page.Locator("[data-test=nav] a").AllInnerTextsAsync()).Select(t => t.Trim())];
}
