using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Jobs;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class JobsPageTests(BrowserFixture browser, JobsFixture fixture) : IClassFixture<JobsFixture>
{
    [Fact]
    public async Task RunNow_DailyTotals_RunsAndShowsInTheHistoryAsAskedForByThePlatformAdmin()
    {
        var page = await OpenJobsPageAsync();
        await Assertions.Expect(page.Locator("[data-test=job-row]")).ToHaveCountAsync(15);

        await page.ClickAsync("[data-test=job-run-now][data-job=payment-daily-totals]");

        // The job also runs every five minutes on its schedule, so the history may hold a scheduled run beside the one asked for.
        var history = page.Locator("[data-test=job-history][data-job=payment-daily-totals]");
        var run = history.Locator("[data-test=job-run][data-status=Succeeded]", new() { HasTextString = "Run now by Pat Platform" });
        await Assertions.Expect(run).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var row = page.Locator("tr", new() { Has = page.Locator("[data-test=job-row][data-job=payment-daily-totals]") });
        await Assertions.Expect(row.Locator("[data-test=job-status]")).ToHaveAttributeAsync("data-status", "Succeeded");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HangfireDashboard_FromTheJobsPage_OpensUnderThePortalsContentSecurityPolicy()
    {
        var page = await OpenJobsPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };

        await page.ClickAsync("[data-test=hangfire-dashboard]");
        await page.WaitForURLAsync("**/hangfire/recurring");

        await Assertions.Expect(page.Locator("td", new() { HasTextString = "payment-reconciliation" }).First).ToBeVisibleAsync();
        // Let the page's scripts and their requests settle, so anything the policy blocked has been reported.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(blocked);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenJobsPageAsync()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(DemoData.PlatformAdminEmail);
        await page.GotoAsync("/jobs");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=jobs-table]")).ToBeVisibleAsync();
        return page;
    }
}
