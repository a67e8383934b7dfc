using Microsoft.Playwright;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Payments;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class PaymentsExportTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task ExportOfTheFilteredList_DownloadsThoseRows_AndShowsItFinished()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var tag = "export-" + Guid.NewGuid().ToString("N")[..8];
        var paid = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            paid.Add(await fixture.App.CapturedPaymentAsync(coffee, 10_00 + i, $"=cmd|{tag}"));
        }

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("operator@demo.local");
        await page.GotoAsync("/payments?q=" + tag);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=payment-link]")).ToHaveCountAsync(3);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=payments-export]"));
        await Assertions.Expect(page.Locator("[data-test=payments-export-done]")).ToHaveAttributeAsync("data-rows", "3");

        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Skip(1).ToList();
        Assert.Equal(paid.AsEnumerable().Reverse().Select(id => id.ToString("D")), lines.Select(l => l.Split(',')[0]));
        Assert.All(lines, l => Assert.EndsWith(",'=cmd|" + tag, l, StringComparison.Ordinal));
        Assert.Matches(@"^payments-\d{8}T\d{6}Z\.csv$", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Support_SeesNoExportButton()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("support@demo.local");
        await page.GotoAsync("/payments");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=payments-next]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=payments-export]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
