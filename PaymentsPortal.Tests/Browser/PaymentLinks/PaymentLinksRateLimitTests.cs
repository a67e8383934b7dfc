using System.Net;
using Microsoft.Playwright;
using PaymentsPortal.Tests.Browser.Checkout;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.PaymentLinks;

/// <summary>The public page and its pay action are limited per client address; the sign-in limiter is unaffected.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class PaymentLinksRateLimitTests(BrowserFixture browser, PaymentLinksRateLimitFixture fixture) : IClassFixture<PaymentLinksRateLimitFixture>
{
    [Fact]
    public async Task PayAttemptsThenPageLoadsOverTheLimit_AreRefusedWithAMessage()
    {
        var link = await fixture.App.CreateLinkAsync("5.00", $"link test rate limit {Guid.NewGuid():N}", maxUses: null);
        var customer = await browser.NewPageAsync(fixture.App.BaseAddress);
        await customer.OpenPayPageAsync(link.PublicPath);

        // One attempt is allowed: it is declined, and the next card is refused before it reaches any gateway.
        await customer.EnterStripeCardAsync("4000000000000002");
        await customer.ClickAsync("[data-test=pay-submit]");
        await Assertions.Expect(customer.Outcome()).ToHaveAttributeAsync("data-stage", "NotPaid");
        await customer.ClickAsync("[data-test=checkout-try-again]");
        await customer.EnterStripeCardAsync("4242424242424242");
        await customer.ClickAsync("[data-test=pay-submit]");
        await Assertions.Expect(customer.Locator("[data-test=pay-error]")).ToContainTextAsync("too many payment attempts");
        Assert.Single(await fixture.App.PaymentsOfLinkAsync(link.Id));

        // The page itself: the first load above counted, so the limit is reached within the remaining loads.
        var statuses = new List<int>();
        IResponse? last = null;
        for (var i = 0; i < PaymentLinksRateLimitFixture.PageViews; i++)
        {
            last = await customer.GotoAsync(link.PublicPath);
            statuses.Add(last!.Status);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.NotNull(last);
        Assert.NotNull(last.Headers.GetValueOrDefault("retry-after"));
        await Assertions.Expect(customer.Locator("[data-test=pay-rate-limited]")).ToHaveTextAsync("Too many requests");

        // Other pages, sign-in included, are not limited by it.
        using var http = new PortalHttp(fixture.App.BaseAddress);
        using var signIn = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        await customer.Context.CloseAsync();
    }
}
