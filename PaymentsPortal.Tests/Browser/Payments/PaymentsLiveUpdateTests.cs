using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Payments;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class PaymentsLiveUpdateTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task List_PaymentTakenAndRefundedElsewhere_AppearsAndChangesWithoutAReload()
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("viewer@demo.local");
        await page.GotoAsync("/payments");
        await page.WaitForInteractiveAsync();

        var paymentId = await fixture.App.CapturedPaymentAsync(coffee, 77_00);
        var row = page.Locator($"[data-test=payments-table] tr:has([data-payment='{paymentId}'])");
        await Assertions.Expect(row.Locator("[data-test=payment-amount]")).ToHaveTextAsync("77.00 USD");

        await fixture.App.RequestRefundAsync("support@demo.local", coffee, paymentId, 7_00);

        await Assertions.Expect(row.Locator("[data-test=payment-refunded]")).ToContainTextAsync("7.00");
        await page.Context.CloseAsync();
    }
}
