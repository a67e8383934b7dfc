using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Checkout;

/// <summary>
/// The virtual terminal end to end in Sandbox mode: real Chromium, the Stripe.js stand-in's frames, the router, the Stripe
/// simulator over HTTP. Every test uses its own description, so the payments it finds are its own.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed partial class VirtualTerminalTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Operator_PaysWithTheSuccessCard_LandsOnThePaymentWithOneChargeAtStripe()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.ClickAsync("[data-test=nav-terminal]");
        await page.WaitForURLAsync("**/payments/new");
        await page.WaitForInteractiveAsync();
        var description = Unique("success");

        await page.FillPaymentAsync("12.34", description, "customer@example.com");
        await page.EnterStripeCardAsync("4242424242424242");
        await page.ClickAsync("[data-test=terminal-pay]");

        await page.WaitForURLAsync(PaymentPage());
        var payment = await PaymentAsync(description);
        Assert.Equal(page.Url.Split('/')[^1], payment.Id.ToString());
        Assert.Equal((PaymentStatus.Succeeded, 1234L, "USD", GatewayKind.Stripe, "4242"), (payment.Status, payment.AmountMinor, payment.CurrencyCode, payment.Gateway, payment.CardLast4));
        Assert.Equal(("customer@example.com", GatewayKind.Stripe, StripeTestCards.Visa), (payment.CustomerEmail, payment.TokenIssuer, payment.TokenValue));
        Assert.Equal(1, await StripeChargesAsync(payment.Id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Operator_DeclinedCard_SeesWhyAndNothingIsPaid()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.OpenTerminalAsync();
        var description = Unique("decline");

        await page.FillPaymentAsync("5.00", description);
        await page.EnterStripeCardAsync("4000000000000002");
        await page.ClickAsync("[data-test=terminal-pay]");

        await Assertions.Expect(page.Outcome()).ToHaveAttributeAsync("data-stage", "NotPaid");
        await Assertions.Expect(page.Locator("[data-test=checkout-declined]")).ToContainTextAsync("Your card was declined.");
        Assert.EndsWith("/payments/new", page.Url, StringComparison.Ordinal);
        var payment = await PaymentAsync(description);
        Assert.Equal((PaymentStatus.Failed, 0L), (payment.Status, payment.CapturedMinor));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Operator_ThreeDSecureCompleted_PaymentSucceeds()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.OpenTerminalAsync();
        var description = Unique("3ds-complete");

        await page.FillPaymentAsync("20.00", description);
        await page.EnterStripeCardAsync("4000000000003220");
        await page.ClickAsync("[data-test=terminal-pay]");
        await Assertions.Expect(page.Outcome()).ToHaveAttributeAsync("data-stage", "NeedsAuthentication");
        await page.AnswerChallengeAsync(complete: true);

        await page.WaitForURLAsync(PaymentPage());
        var payment = await PaymentAsync(description);
        Assert.Equal((PaymentStatus.Succeeded, 2000L), (payment.Status, payment.CapturedMinor));
        Assert.Equal(1, await StripeChargesAsync(payment.Id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Operator_ThreeDSecureFailed_NothingIsPaid()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.OpenTerminalAsync();
        var description = Unique("3ds-fail");

        await page.FillPaymentAsync("20.00", description);
        await page.EnterStripeCardAsync("4000000000003220");
        await page.ClickAsync("[data-test=terminal-pay]");
        await page.AnswerChallengeAsync(complete: false);

        await Assertions.Expect(page.Outcome()).ToHaveAttributeAsync("data-stage", "NotPaid");
        Assert.EndsWith("/payments/new", page.Url, StringComparison.Ordinal);
        var payment = await PaymentAsync(description);
        Assert.Equal((PaymentStatus.Failed, 0L), (payment.Status, payment.CapturedMinor));
        Assert.Equal(0, await StripeChargesAsync(payment.Id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Operator_DoubleClicksPay_OnePaymentAndOneCharge()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.OpenTerminalAsync();
        var description = Unique("double-click");

        await page.FillPaymentAsync("7.50", description);
        await page.EnterStripeCardAsync("4242424242424242");
        await page.DblClickAsync("[data-test=terminal-pay]");

        await page.WaitForURLAsync(PaymentPage());
        var payment = await PaymentAsync(description);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(1, await StripeChargesAsync(payment.Id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Operator_ReloadsAfterADecline_SeesThatPaymentNotAFreshForm()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("operator@demo.local");
        await page.OpenTerminalAsync();
        var description = Unique("reload");
        await page.FillPaymentAsync("3.00", description);
        await page.EnterStripeCardAsync("4000000000009995");
        await page.ClickAsync("[data-test=terminal-pay]");
        await Assertions.Expect(page.Outcome()).ToHaveAttributeAsync("data-stage", "NotPaid");
        var key = await page.Locator("[data-test=terminal]").GetAttributeAsync("data-key");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Outcome()).ToHaveAttributeAsync("data-stage", "NotPaid");
        await Assertions.Expect(page.Locator("[data-test=checkout-declined]")).ToContainTextAsync("insufficient funds");
        await Assertions.Expect(page.Locator("[data-test=terminal]")).ToHaveAttributeAsync("data-key", key!);
        await Assertions.Expect(page.Locator("[data-test=terminal-pay]")).ToHaveCountAsync(0);

        // Trying another card is a new checkout with a new key, so it can never replay or collide with the declined one.
        await page.ClickAsync("[data-test=checkout-try-again]");
        await page.WaitForCardFieldsAsync("Stripe");
        Assert.NotEqual(key, await page.Locator("[data-test=terminal]").GetAttributeAsync("data-key"));
        await page.Context.CloseAsync();
    }

    private static string Unique(string what) => $"terminal test {what} {Guid.NewGuid():N}";

    private async Task<Payment> PaymentAsync(string description)
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(coffee));
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Description == description);
    }

    // Charges the simulator holds for the payment's attempts (by the attempt id each carries), declined ones included.
    private async Task<int> StripeChargesAsync(Guid paymentId)
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(coffee));
        var attempts = await db.PaymentAttempts.AsNoTracking().Where(a => a.PaymentId == paymentId).Select(a => a.Id).ToListAsync();
        var stripe = fixture.App.Service<StripeSimulator>();
        return attempts.Sum(id => stripe.ChargesFor(id).Count(charge => charge.Succeeded));
    }

    [GeneratedRegex("/payments/[0-9a-f-]{36}$")]
    private static partial Regex PaymentPage();
}
