using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Payments;

/// <summary>
/// The payments list and payment page in a browser, over payments the router took through the simulators. Each test
/// tags its payments' descriptions and searches for its tag, so the tests of this class never see each other's payments.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class PaymentsWorkspaceTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    private static readonly AuditActor Checkout = AuditActor.System("browser test checkout");

    [Fact]
    public async Task FilterByStatusInTheUi_PutsItInTheUrlAndNarrowsTheList_AndTheSharedUrlShowsTheSameView()
    {
        var tag = Tag();
        var paid = new List<Guid>();
        var declined = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            paid.Add(await PayAsync(StripeTestCards.Visa, tag, 1000 + i, PaymentStatus.Succeeded));
            declined.Add(await PayAsync(StripeTestCards.Declined, tag, 2000 + i, PaymentStatus.Failed));
        }

        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.ClickAsync("[data-test=nav-payments]");
        await admin.WaitForURLAsync("**/payments");
        await admin.WaitForInteractiveAsync();
        await admin.FillAsync("[data-test=payments-text]", tag);
        await admin.ClickAsync("[data-test=payments-apply]");
        await Assertions.Expect(admin.Locator("[data-test=payment-link]")).ToHaveCountAsync(6);

        await admin.ClickAsync("[data-test=payments-status]");
        await admin.ClickAsync("[data-test=payments-status-option][data-status=Failed]");
        await admin.Keyboard.PressAsync("Escape");
        await admin.ClickAsync("[data-test=payments-apply]");

        // Client-side navigation: the URL changes without a load event, so poll it.
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("status=Failed"));
        await Assertions.Expect(admin.Locator("[data-test=payment-link]")).ToHaveCountAsync(3);
        Assert.Equal(["Failed", "Failed", "Failed"], await admin.Locator("[data-test=payments-table] [data-test=payment-status]")
            .EvaluateAllAsync<string[]>("chips => chips.map(c => c.dataset.status)"));
        var shown = await ListedAsync(admin);
        Assert.Equal(Enumerable.Reverse(declined), shown);

        // The address alone is the view: someone else opening it sees the same payments in the same order.
        var colleague = await browser.NewPageAsync(fixture);
        await colleague.SignInAsync("compliance@demo.local");
        await colleague.GotoAsync(admin.Url);
        await colleague.WaitForInteractiveAsync();
        await Assertions.Expect(colleague.Locator("[data-test=payment-link]")).ToHaveCountAsync(3);
        Assert.Equal(shown, await ListedAsync(colleague));
        await admin.Context.CloseAsync();
        await colleague.Context.CloseAsync();
    }

    [Fact]
    public async Task NextAndPrevious_PageThroughTheList()
    {
        var tag = Tag();
        var taken = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            taken.Add(await PayAsync(StripeTestCards.Visa, tag, 500 + i, PaymentStatus.Succeeded));
        }

        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.GotoAsync($"/payments?q={tag}&size=10&sort=oldest");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=payment-link]")).ToHaveCountAsync(10);
        Assert.Equal(taken[..10], await ListedAsync(page));
        await Assertions.Expect(page.Locator("[data-test=payments-previous]")).ToBeDisabledAsync();

        await page.ClickAsync("[data-test=payments-next]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("after="));
        await Assertions.Expect(page.Locator("[data-test=payment-link]")).ToHaveCountAsync(2);
        Assert.Equal(taken[10..], await ListedAsync(page));
        await Assertions.Expect(page.Locator("[data-test=payments-next]")).ToBeDisabledAsync();

        await page.ClickAsync("[data-test=payments-previous]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("before="));
        await Assertions.Expect(page.Locator("[data-test=payment-link]")).ToHaveCountAsync(10);
        Assert.Equal(taken[..10], await ListedAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpeningARow_ShowsThePaymentsAttemptsAndTimeline()
    {
        // A Braintree nonce: the router records Stripe as skipped (it cannot charge another gateway's token) and Braintree captures.
        var tag = Tag();
        var id = await PayAsync(BraintreeTestNonces.Valid, tag, 1234, PaymentStatus.Succeeded, GatewayKind.Braintree);

        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync($"/payments?q={tag}");
        await page.WaitForInteractiveAsync();
        await page.ClickAsync($"[data-test=payment-link][data-payment='{id}']");

        await page.WaitForURLAsync($"**/payments/{id}");
        await Assertions.Expect(page.Locator("[data-test=payment-title]")).ToHaveTextAsync("12.34 USD");
        var attempts = page.Locator("[data-test=payment-attempt]");
        await Assertions.Expect(attempts).ToHaveCountAsync(2);
        await Assertions.Expect(attempts.Nth(0)).ToHaveAttributeAsync("data-gateway", "Stripe");
        await Assertions.Expect(attempts.Nth(0).Locator("[data-test=payment-attempt-code]")).ToHaveTextAsync("token_not_usable");
        await Assertions.Expect(attempts.Nth(1)).ToHaveAttributeAsync("data-gateway", "Braintree");
        await Assertions.Expect(attempts.Nth(1)).ToHaveAttributeAsync("data-outcome", "Succeeded");
        await Assertions.Expect(attempts.Nth(1).Locator("[data-test=payment-attempt-latency]")).ToHaveTextAsync(new Regex(@"^\d+$"));
        var timeline = page.Locator("[data-test=payment-event]");
        await Assertions.Expect(timeline.First).ToHaveAttributeAsync("data-to", "Created");
        await Assertions.Expect(timeline.Last).ToHaveAttributeAsync("data-to", "Succeeded");
        await Assertions.Expect(page.Locator("[data-test=payment-audit-action]").First).ToHaveTextAsync(nameof(AuditAction.PaymentCreated));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Support_SeesTheCustomersEmailMasked_InTheListAndOnThePayment()
    {
        var tag = Tag();
        var id = await PayAsync(StripeTestCards.Visa, tag, 990, PaymentStatus.Succeeded, email: "martha.jones@example.com");

        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("support@demo.local");
        await page.GotoAsync($"/payments?q={tag}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=payment-email]")).ToHaveTextAsync("m•••@example.com");

        await page.ClickAsync($"[data-test=payment-link][data-payment='{id}']");
        await Assertions.Expect(page.Locator("[data-test=payment-summary-email]")).ToHaveTextAsync("m•••@example.com");
        await Assertions.Expect(page.Locator("[data-test=payment-audit]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("martha.jones", await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static string Tag() => "bt-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<Guid> PayAsync(string token, string tag, long cents, PaymentStatus expected, GatewayKind issuer = GatewayKind.Stripe, string? email = null)
    {
        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var result = await fixture.App.Service<PaymentRouter>().PayAsync(new PayCommand(merchant, Guid.NewGuid().ToString(), new Money(cents, Currency.Usd),
            new PaymentToken(issuer, token), CaptureImmediately: true, $"Order {cents.ToString(CultureInfo.InvariantCulture)} {tag}",
            email ?? "customer@example.com", ReturnUrl: null, Checkout, null));
        Assert.Equal(expected, result.Status);
        return result.PaymentId!.Value;
    }

    private static async Task<List<Guid>> ListedAsync(IPage page) =>
        [.. (await page.Locator("[data-test=payment-link]").EvaluateAllAsync<string[]>("links => links.map(l => l.dataset.payment)")).Select(Guid.Parse)];
}
