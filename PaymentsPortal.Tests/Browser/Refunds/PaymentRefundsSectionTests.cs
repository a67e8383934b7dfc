using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Refunds;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class PaymentRefundsSectionTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Support_RefundsWithinTheThresholdAtOnceAndAboveItForApproval()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var paymentId = await fixture.App.CapturedPaymentAsync(coffee, 300_00);
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("support@demo.local");
        await page.GotoAsync($"/payments/{paymentId}");
        await page.WaitForInteractiveAsync();

        await page.ClickAsync("[data-test=refund-open]");
        await Assertions.Expect(page.Locator("[data-test=refund-amount]")).ToHaveValueAsync("300.00");
        await page.FillAsync("[data-test=refund-amount]", "40.005");
        await page.FillAsync("[data-test=refund-reason]", "Late delivery");
        await page.ClickAsync("[data-test=refund-submit]");
        await Assertions.Expect(page.Locator("[data-test=refund-error]")).ToContainTextAsync("2 decimal places");
        await page.FillAsync("[data-test=refund-amount]", "40.00");
        await Assertions.Expect(page.Locator("[data-test=refund-approval-hint]")).ToContainTextAsync("goes to the gateway at once");
        await page.ClickAsync("[data-test=refund-submit]");

        var rows = page.Locator("[data-test=refunds-table] tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "40.00 USD" }).Locator("[data-test=refund-status]")).ToHaveTextAsync("Refunded");
        await Assertions.Expect(page.Locator("[data-test=refunds-remaining]")).ToContainTextAsync("260.00 USD of 300.00 USD");

        await page.ClickAsync("[data-test=refund-open]");
        await page.FillAsync("[data-test=refund-amount]", "200.00");
        await page.FillAsync("[data-test=refund-reason]", "Whole order returned");
        await Assertions.Expect(page.Locator("[data-test=refund-approval-hint]")).ToContainTextAsync("must approve it");
        await page.ClickAsync("[data-test=refund-submit]");

        await Assertions.Expect(rows.Filter(new() { HasText = "200.00 USD" }).Locator("[data-test=refund-status]")).ToHaveTextAsync("Awaiting approval");
        await Assertions.Expect(page.Locator("[data-test=refunds-remaining]")).ToContainTextAsync("60.00 USD of 300.00 USD");
        await Assertions.Expect(rows.Filter(new() { HasText = "200.00 USD" }).Locator("[data-test=refund-withdraw]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_SeesRefundsButNoRefundButton()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var paymentId = await fixture.App.CapturedPaymentAsync(coffee, 50_00);
        await fixture.App.RequestRefundAsync("support@demo.local", coffee, paymentId, 10_00);
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("viewer@demo.local");
        await page.GotoAsync($"/payments/{paymentId}");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=refunds-table]")).ToContainTextAsync("10.00 USD");
        await Assertions.Expect(page.Locator("[data-test=refund-open]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
