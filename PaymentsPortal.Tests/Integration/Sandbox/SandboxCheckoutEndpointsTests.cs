using System.Net;
using PaymentsPortal.Checkout;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Checkout;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>The Stripe.js and braintree-web stand-ins as the browser fetches them, and the card fields checkout prepares.</summary>
[Trait("Tier", "Integration")]
public sealed class SandboxCheckoutEndpointsTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IDisposable
{
    private readonly HttpClient anonymous = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    [Theory]
    [InlineData(SandboxCheckoutEndpoints.StripeScript)]
    [InlineData("/sandbox/checkout/braintree/client.js")]
    [InlineData("/sandbox/checkout/braintree/hosted-fields.js")]
    public async Task Script_ServedToAnyoneAsJavaScript(string path)
    {
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StripeCardFrame_EmbeddableByTheAppOnly_WithTheTestCardsAndNoInlineScript()
    {
        using var response = await anonymous.GetAsync(new Uri("/sandbox/checkout/stripe/card-frame", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Contains($"script-src {fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority)};", policy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("\"4242424242424242\":\"pm_card_visa\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{TEST_CARDS}}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BraintreeFieldFrame_CarriesBraintreesTestNumbers()
    {
        var html = await anonymous.GetStringAsync(new Uri("/sandbox/checkout/braintree/field-frame?field=number", UriKind.Relative));

        Assert.Contains("\"4111111111111111\":\"fake-valid-nonce\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_WrongClientSecret_StripeRefusesAndNothingIsAuthenticated()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = "pi_nope_secret_wrong", ["outcome"] = "succeed" });

        using var response = await anonymous.PostAsync(new Uri("/sandbox/checkout/stripe/v1/payment_intents/pi_nope/authenticate", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USD", "portal_usd")]
    [InlineData("JPY", "portal_jpy")]
    public async Task BraintreeFields_ClientTokenFromTheSimulatorForTheCurrencysAccount(string currency, string account)
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);

        var choice = await fixture.App.Service<CardFieldsSetups>().ForGatewayAsync(coffee, GatewayKind.Braintree, Currency.From(currency));

        Assert.NotNull(choice.Setup);
        Assert.Equal(SandboxCheckoutEndpoints.BraintreeScripts, choice.Setup.Scripts);
        Assert.Equal(account, BraintreeSandboxClientToken.MerchantAccountOf(choice.Setup.ClientToken));
    }

    [Fact]
    public async Task BraintreeFields_CurrencyWithoutAnAccount_AreNotShown()
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);

        var choice = await fixture.App.Service<CardFieldsSetups>().ForGatewayAsync(coffee, GatewayKind.Braintree, Currency.From("CHF"));

        Assert.Null(choice.Setup);
        Assert.Contains("CHF", choice.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StripeFields_SandboxStandInWithTheDemoPublishableKey()
    {
        var coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);

        var choice = await fixture.App.Service<CardFieldsSetups>().ForCheckoutAsync(coffee, Currency.Usd);

        Assert.Equal((GatewayKind.Stripe, SandboxGateways.StripeSandboxPublishableKey), (choice.Setup!.Gateway, choice.Setup.PublishableKey));
        Assert.Equal([SandboxCheckoutEndpoints.StripeScript], choice.Setup.Scripts);
    }

    public void Dispose() => anonymous.Dispose();
}
