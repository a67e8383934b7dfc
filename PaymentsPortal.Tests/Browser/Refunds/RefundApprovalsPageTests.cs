using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Browser.Access;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Refunds;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class RefundApprovalsPageTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Approve_RefundAskedBySupport_AsksForStepUpAndRefundsThroughStripe()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var paymentId = await fixture.App.CapturedPaymentAsync(coffee, 400_00);
        var pending = await fixture.App.RequestRefundAsync("support@demo.local", coffee, paymentId, 250_00);
        Assert.Equal(RefundStatus.PendingApproval, pending.Status);

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("admin@demo.local");
        await page.ClickAsync("[data-test=nav] [data-test=nav-refund-approvals]");
        await page.WaitForInteractiveAsync();
        var row = page.Locator("[data-test=pending-refunds] tr", new() { HasText = "250.00 USD" });
        await row.Locator("[data-test=refund-approve]").ClickAsync();
        await page.FillAsync("[data-test=refund-decision-note]", "Return received");
        await page.ClickAsync("[data-test=refund-decision-confirm]");
        await page.StepUpAsync(DemoData.Password);

        await Assertions.Expect(page.Locator("[data-test=no-pending-refunds]")).ToBeVisibleAsync();
        await using var db = CoreHost.CreateContext(fixture.App.Database.AppConnectionString, new FixedTenantScope(coffee));
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == pending.RefundId);
        Assert.Equal((RefundStatus.Succeeded, "Return received"), (refund.Status, refund.DecisionNote));
        Assert.StartsWith("re_", refund.GatewayRefundReference, StringComparison.Ordinal);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 250_00L), (payment.Status, payment.RefundedMinor));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OwnRefund_ShowsWithdrawInsteadOfApprove()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var paymentId = await fixture.App.CapturedPaymentAsync(coffee, 500_00);
        await fixture.App.RequestRefundAsync("admin@demo.local", coffee, paymentId, 480_00);

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/refunds/approvals");
        await page.WaitForInteractiveAsync();

        var row = page.Locator("[data-test=pending-refunds] tr", new() { HasText = "480.00 USD" });
        await Assertions.Expect(row.Locator("[data-test=refund-withdraw]")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-test=refund-approve]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Support_CannotOpenTheApprovalsPage()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("support@demo.local");

        await page.GotoAsync("/refunds/approvals");

        await Assertions.Expect(page.Locator("[data-test=pending-refunds]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Settings_AdminSetsAThreshold_ItIsListed()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/settings/refunds");
        await page.WaitForInteractiveAsync();

        await page.FillAsync("[data-test=threshold-currency]", "BHD");
        await page.FillAsync("[data-test=threshold-amount]", "12.3456");
        await page.ClickAsync("[data-test=threshold-save]");
        await Assertions.Expect(page.Locator("[data-test=threshold-error]")).ToContainTextAsync("3 decimal places");
        await page.FillAsync("[data-test=threshold-amount]", "12.345");
        await page.ClickAsync("[data-test=threshold-save]");

        await Assertions.Expect(page.Locator("[data-test=refund-threshold][data-currency=BHD]")).ToHaveTextAsync("12.345 BHD");
        await page.Context.CloseAsync();
    }
}
