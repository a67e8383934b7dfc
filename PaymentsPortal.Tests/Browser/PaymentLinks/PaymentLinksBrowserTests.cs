using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Browser.Checkout;
using PaymentsPortal.Tests.Browser.Refunds;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.PaymentLinks;

/// <summary>
/// Payment links end to end in Sandbox mode: an Operator makes a link in the portal, and a customer in a browser context of
/// their own (no cookies, nobody signed in) pays it on the public page with the Stripe.js stand-in's frames.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class PaymentLinksBrowserTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task OperatorCreatesLink_SignedOutCustomerPaysIt_PaidOnceAndTheLinkShowsUsedUp()
    {
        var staff = await browser.NewPageAsync(fixture);
        await staff.SignInAsync("operator@demo.local");
        await staff.ClickAsync("[data-test=nav-payment-links]");
        await staff.WaitForURLAsync("**/payment-links");
        await staff.WaitForInteractiveAsync();
        var description = Unique("operator link");

        await staff.ClickAsync("[data-test=link-create]");
        await staff.FillAsync("[data-test=link-amount]", "18.50");
        await staff.FillAsync("[data-test=link-description]", description);
        await staff.ClickAsync("[data-test=link-submit]");
        var url = await staff.Locator("[data-test=link-created-url]").InputValueAsync();
        var linkId = await LinkIdAsync(description);
        Assert.StartsWith(new Uri(fixture.App.BaseAddress, "/pay/").ToString(), url, StringComparison.Ordinal);
        await Assertions.Expect(staff.LinkRow(linkId).Locator("[data-test=link-status]")).ToHaveAttributeAsync("data-status", "Payable");

        var customer = await browser.NewPageAsync(fixture);
        var policyViolations = new List<string>();
        customer.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyViolations.Add(message.Text);
            }
        };
        await customer.OpenPayPageAsync(url);
        await Assertions.Expect(customer.Locator("[data-test=pay-merchant]")).ToHaveTextAsync("Demo Coffee Co.");
        await Assertions.Expect(customer.Locator("[data-test=pay-amount]")).ToHaveTextAsync("18.50 USD");
        await Assertions.Expect(customer.Locator("[data-test=pay-description]")).ToHaveTextAsync(description);
        await Assertions.Expect(customer.Locator("[data-test=nav]")).ToHaveCountAsync(0);
        await customer.EnterStripeCardAsync("4242424242424242");
        await customer.ClickAsync("[data-test=pay-submit]");

        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "Paid");
        var payment = Assert.Single(await fixture.App.PaymentsOfLinkAsync(linkId));
        Assert.Equal((PaymentStatus.Succeeded, 1850L, description), (payment.Status, payment.CapturedMinor, payment.Description));
        await Assertions.Expect(customer.Locator("[data-test=pay-reference]")).ToHaveTextAsync(payment.Id.ToString());

        // The operator's list follows the payment without a reload.
        await Assertions.Expect(staff.LinkRow(linkId).Locator("[data-test=link-status]")).ToHaveAttributeAsync("data-status", "UsedUp");
        await Assertions.Expect(staff.LinkRow(linkId).Locator("[data-test=link-uses]")).ToHaveTextAsync("1 of 1");

        // The customer's reload shows the receipt, never a form that could pay again.
        await customer.ReloadAsync();
        await customer.Locator("[data-test=public-shell][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "Paid");
        await Assertions.Expect(customer.Locator("[data-test=card-fields]")).ToHaveCountAsync(0);

        // Anyone else holding the link cannot pay it.
        var someoneElse = await browser.NewPageAsync(fixture);
        await someoneElse.OpenPayPageAsync(url);
        await Assertions.Expect(someoneElse.Locator("[data-test=pay-refused]")).ToHaveTextAsync("This payment link has already been paid.");
        await Assertions.Expect(someoneElse.Locator("[data-test=card-fields]")).ToHaveCountAsync(0);
        Assert.Single(await fixture.App.PaymentsOfLinkAsync(linkId));
        Assert.Empty(policyViolations);
        await Task.WhenAll(staff.Context.CloseAsync(), customer.Context.CloseAsync(), someoneElse.Context.CloseAsync());
    }

    [Fact]
    public async Task Customer_DeclinedCard_SeesWhyAndTheLinkCanStillBePaid()
    {
        var link = await fixture.App.CreateLinkAsync("7.00", Unique("decline"));
        var customer = await browser.NewPageAsync(fixture);
        await customer.OpenPayPageAsync(link.PublicPath);
        await customer.EnterStripeCardAsync("4000000000000002");
        await customer.ClickAsync("[data-test=pay-submit]");

        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "NotPaid");
        await Assertions.Expect(customer.Locator("[data-test=checkout-declined]")).ToContainTextAsync("Your card was declined.");
        var declinedKey = await customer.Locator("[data-test=pay-page]").GetAttributeAsync("data-key");

        await customer.ClickAsync("[data-test=checkout-try-again]");
        await customer.EnterStripeCardAsync("4242424242424242");
        Assert.NotEqual(declinedKey, await customer.Locator("[data-test=pay-page]").GetAttributeAsync("data-key"));
        await customer.ClickAsync("[data-test=pay-submit]");

        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "Paid");
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Succeeded], (await fixture.App.PaymentsOfLinkAsync(link.Id)).Select(p => p.Status));
        await customer.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_ThreeDSecureCompleted_LinkIsPaid()
    {
        var link = await fixture.App.CreateLinkAsync("20.00", Unique("3ds"));
        var customer = await browser.NewPageAsync(fixture);
        await customer.OpenPayPageAsync(link.PublicPath);
        await customer.EnterStripeCardAsync("4000000000003220");
        await customer.ClickAsync("[data-test=pay-submit]");
        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "NeedsAuthentication");

        await customer.AnswerChallengeAsync(complete: true);

        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "Paid");
        var payment = Assert.Single(await fixture.App.PaymentsOfLinkAsync(link.Id));
        Assert.Equal((PaymentStatus.Succeeded, 2000L), (payment.Status, payment.CapturedMinor));
        await customer.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_DoubleClicksPayOnAMultipleUseLink_OnePayment()
    {
        var link = await fixture.App.CreateLinkAsync("3.50", Unique("double-click"), maxUses: null);
        var customer = await browser.NewPageAsync(fixture);
        await customer.OpenPayPageAsync(link.PublicPath);
        await customer.EnterStripeCardAsync("4242424242424242");

        await customer.DblClickAsync("[data-test=pay-submit]");

        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "Paid");
        Assert.Single(await fixture.App.PaymentsOfLinkAsync(link.Id));
        await customer.Context.CloseAsync();
    }

    [Fact]
    public async Task ExpiredUsedUpDeactivatedOrUnknownLink_SaysWhyAndShowsNoCardFields()
    {
        var usedUp = await fixture.App.CreateLinkAsync("4.00", Unique("used up"));
        await fixture.App.PayThroughServicesAsync(usedUp);
        var deactivated = await fixture.App.CreateLinkAsync("4.00", Unique("deactivated"), maxUses: null);
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        Assert.True((await fixture.App.Service<Core.Payments.Links.PaymentLinks>().DeactivateAsync(
            await fixture.App.AccessAsync("admin@demo.local", coffee), deactivated.Id)).Succeeded);
        var expired = await fixture.App.ExpiredLinkAsync(Unique("expired"));
        var cases = new (string Path, string Says)[]
        {
            (PaymentLinkRoutes.PublicPath(expired), "This payment link has expired. Ask the merchant for a new one."),
            (usedUp.PublicPath, "This payment link has already been paid."),
            (deactivated.PublicPath, "This payment link is no longer active. Ask the merchant for a new one."),
            (PaymentLinkRoutes.PublicPath(PaymentLinkSlug.New()), PaymentLinkCheckout.NotFound),
        };

        var customer = await browser.NewPageAsync(fixture);
        foreach (var (path, says) in cases)
        {
            await customer.OpenPayPageAsync(path);
            await Assertions.Expect(customer.Locator("[data-test=pay-refused]")).ToHaveTextAsync(says);
            await Assertions.Expect(customer.Locator("[data-test=card-fields]")).ToHaveCountAsync(0);
            await Assertions.Expect(customer.Locator("[data-test=pay-submit]")).ToHaveCountAsync(0);
        }

        await customer.Context.CloseAsync();
    }

    private static string Unique(string what) => $"link test {what} {Guid.NewGuid():N}";

    private async Task<Guid> LinkIdAsync(string description)
    {
        var coffee = await fixture.App.DemoCoffeeIdAsync();
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(coffee));
        return await db.PaymentLinks.AsNoTracking().Where(l => l.Description == description).Select(l => l.Id).SingleAsync();
    }
}
