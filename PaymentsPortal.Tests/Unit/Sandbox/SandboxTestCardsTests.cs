using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.TestPayments;

namespace PaymentsPortal.Tests.Unit.Sandbox;

[Trait("Tier", "Unit")]
public sealed class SandboxTestCardsTests
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);

    [Theory]
    [InlineData(SandboxTestCard.Success, GatewayKind.Stripe, "pm_card_visa")]
    [InlineData(SandboxTestCard.Decline, GatewayKind.Stripe, "pm_card_chargeDeclined")]
    [InlineData(SandboxTestCard.InsufficientFunds, GatewayKind.Stripe, "pm_card_chargeDeclinedInsufficientFunds")]
    [InlineData(SandboxTestCard.ThreeDSecure, GatewayKind.Stripe, "pm_card_threeDSecure2Required")]
    [InlineData(SandboxTestCard.Dispute, GatewayKind.Stripe, "pm_card_createDispute")]
    [InlineData(SandboxTestCard.Success, GatewayKind.Braintree, "fake-valid-nonce")]
    [InlineData(SandboxTestCard.Decline, GatewayKind.Braintree, "fake-processor-declined-visa-nonce")]
    public void For_Card_IsTheChosenGatewaysOwnToken(SandboxTestCard card, GatewayKind gateway, string token)
    {
        var charge = SandboxTestCards.For(card, gateway, TenDollars);

        Assert.Equal(new PaymentToken(gateway, token), charge.Token);
        Assert.Equal(TenDollars, charge.Amount);
        Assert.Null(charge.Note);
    }

    [Fact]
    public void For_InsufficientFundsOnBraintree_SendsBraintreesDecliningAmountAndSaysSo()
    {
        var charge = SandboxTestCards.For(SandboxTestCard.InsufficientFunds, GatewayKind.Braintree, new Money(500, Currency.Jpy));

        Assert.Equal(new PaymentToken(GatewayKind.Braintree, "fake-valid-nonce"), charge.Token);
        Assert.Equal(new Money(2001, Currency.Jpy), charge.Amount);
        Assert.Equal("Braintree declines insufficient funds by amount, so 2001 JPY was sent instead of 500 JPY.", charge.Note);
    }

    [Fact]
    public void For_ThreeDSecureOnBraintree_SendsNothingAndSaysWhy()
    {
        var charge = SandboxTestCards.For(SandboxTestCard.ThreeDSecure, GatewayKind.Braintree, TenDollars);

        Assert.Null(charge.Token);
        Assert.Contains("no 3-D Secure card", charge.Note, StringComparison.Ordinal);
    }
}
