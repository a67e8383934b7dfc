using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Access;

/// <summary>Page-object steps for temporary access and step-up; selectors are data-test attributes.</summary>
public static class TemporaryAccessPages
{
    /// <summary>Marks the loaded document; the mark survives only as long as no full reload happens.</summary>
    public static Task MarkDocumentAsync(this IPage page) => page.EvaluateAsync("() => { window.ppNoReload = true; }");

    public static Task<bool> IsSameDocumentAsync(this IPage page) => page.EvaluateAsync<bool>("() => window.ppNoReload === true");

    public static async Task RequestAccessAsync(this IPage page, string role, string justification)
    {
        await page.GotoAsync("/access/request");
        await page.WaitForInteractiveAsync();
        await page.Locator("[data-test=request-role]").Filter(new() { Visible = true }).ClickAsync();
        await page.ClickAsync($"[data-test=request-role-option][data-role={role}]");
        await page.FillAsync("[data-test=request-justification]", justification);
        await page.ClickAsync("[data-test=request-submit]");
    }

    /// <summary>Answers the step-up dialog that must be open.</summary>
    public static async Task StepUpAsync(this IPage page, string password)
    {
        await Assertions.Expect(page.Locator("[data-test=step-up-dialog]")).ToBeVisibleAsync();
        await page.FillAsync("[data-test=step-up-secret]", password);
        await page.ClickAsync("[data-test=step-up-submit]");
    }

    public static ILocator Nav(this IPage page, string testId) => page.Locator($"[data-test=nav] [data-test={testId}]");
}
