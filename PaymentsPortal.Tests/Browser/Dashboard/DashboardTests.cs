using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Dashboard;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class DashboardTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Home_PaymentMadeWhileOpen_KpisUpdateWithoutAReload()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var first = await fixture.App.CapturedPaymentAsync(coffee, 25_00);
        await fixture.App.RequestRefundAsync("support@demo.local", coffee, first, 5_00);

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("viewer@demo.local");
        await Assertions.Expect(page.Locator("[data-test=kpi-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=kpi-gross][data-currency=USD]")).ToHaveTextAsync("25.00 USD");
        await Assertions.Expect(page.Locator("[data-test=kpi-refunds][data-currency=USD]")).ToHaveTextAsync("5.00 USD");
        await Assertions.Expect(page.Locator("[data-test=kpi-net][data-currency=USD]")).ToHaveTextAsync("20.00 USD");
        await Assertions.Expect(page.Locator("[data-test=gateway-circuit][data-gateway=Stripe]")).ToHaveTextAsync("Healthy");

        await fixture.App.CapturedPaymentAsync(coffee, 10_00);

        await Assertions.Expect(page.Locator("[data-test=kpi-count]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-test=kpi-gross][data-currency=USD]")).ToHaveTextAsync("35.00 USD");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Home_RefundAwaitingApproval_IsListedUnderNeedsAttentionWithALinkForAdmins()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var paymentId = await fixture.App.CapturedPaymentAsync(coffee, 900_00);
        await fixture.App.RequestRefundAsync("support@demo.local", coffee, paymentId, 800_00);

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("admin@demo.local");
        await page.ClickAsync("[data-test=attention-refund-approvals]");

        await Assertions.Expect(page.Locator("[data-test=pending-refunds]")).ToContainTextAsync("800.00 USD");
        await page.Context.CloseAsync();
    }
}
