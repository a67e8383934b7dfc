using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

[Trait("Tier", "Unit")]
public sealed class BraintreeGatewayFactoryTests
{
    [Fact]
    public void Create_RegisteredFactory_BraintreeGatewayThatChargesOnlyBraintreeTokens()
    {
        using var provider = new ServiceCollection().AddLogging().AddBraintreeGateway().BuildServiceProvider();
        var connection = new GatewayConnection(GatewayKind.Braintree, new Uri("https://payments.braintree-api.com/"), "merchant", "pub:priv", TimeSpan.FromSeconds(10), "portal_usd");

        var gateway = provider.GetRequiredService<BraintreeGatewayFactory>().Create(connection);

        Assert.Equal(GatewayKind.Braintree, gateway.Kind);
        Assert.True(gateway.CanCharge(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce")));
        Assert.False(gateway.CanCharge(new PaymentToken(GatewayKind.Stripe, "pm_card_visa")));
        Assert.False(gateway.CanCharge(new PaymentToken(GatewayKind.Braintree, "")));
    }

    [Fact]
    public void Create_StripeConnection_Refused()
    {
        using var provider = new ServiceCollection().AddBraintreeGateway().BuildServiceProvider();
        var connection = new GatewayConnection(GatewayKind.Stripe, new Uri("https://api.stripe.com/"), null, "sk_test_x", TimeSpan.FromSeconds(10));

        Assert.Throws<ArgumentException>(() => provider.GetRequiredService<BraintreeGatewayFactory>().Create(connection));
    }
}
