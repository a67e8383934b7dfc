using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Stripe;
using PaymentsPortal.Core.Payments;
using Stripe;

namespace PaymentsPortal.Tests.Unit.Gateways.Stripe;

[Trait("Tier", "Unit")]
public sealed class StripeResultsTests
{
    [Theory]
    [InlineData("succeeded", GatewayChargeState.Captured)]
    [InlineData("requires_capture", GatewayChargeState.Authorized)]
    [InlineData("requires_action", GatewayChargeState.RequiresAction)]
    [InlineData("processing", GatewayChargeState.Processing)]
    [InlineData("canceled", GatewayChargeState.Voided)]
    [InlineData("requires_payment_method", GatewayChargeState.Failed)]
    [InlineData("requires_confirmation", GatewayChargeState.Failed)]
    public void StateOf_MapsStripeStatuses(string status, GatewayChargeState expected) =>
        Assert.Equal(expected, StripeResults.StateOf(new PaymentIntent { Status = status }));

    [Fact]
    public void StateOf_SucceededAndFullyRefunded_IsRefunded() =>
        Assert.Equal(GatewayChargeState.Refunded, StripeResults.StateOf(new PaymentIntent { Status = "succeeded", LatestCharge = new Charge { Refunded = true } }));

    [Fact]
    public void FromSearch_Nothing_IsNotFound()
    {
        var lookup = StripeResults.FromSearch([]);

        Assert.Equal(GatewayOutcome.Succeeded, lookup.Outcome);
        Assert.False(lookup.Found);
    }

    [Fact]
    public void FromSearch_SeveralIntents_PrefersTheOneThatTookMoneyAndWarns()
    {
        var failed = new PaymentIntent { Id = "pi_failed", Status = "requires_payment_method", Amount = 500, Currency = "usd" };
        var captured = new PaymentIntent { Id = "pi_taken", Status = "succeeded", Amount = 500, AmountReceived = 500, Currency = "usd" };

        var lookup = StripeResults.FromSearch([failed, captured]);

        Assert.Equal("pi_taken", lookup.GatewayReference);
        Assert.Equal(GatewayChargeState.Captured, lookup.State);
        Assert.Equal(new Money(500, Currency.Usd), lookup.Amount);
        Assert.Contains("double charge", lookup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAuthorization_AmountDiffersFromRequest_IsUnknown()
    {
        var request = new AuthorizeRequest(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Money(1000, Currency.Jpy),
            new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), Capture: true, null, null, null);
        var intent = new PaymentIntent { Id = "pi_1", Status = "succeeded", Amount = 100_000, Currency = "jpy" };

        var result = StripeResults.FromAuthorization(intent, request);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("amount_mismatch", result.Code);
        Assert.Equal("pi_1", result.GatewayReference);
    }

    [Theory]
    [InlineData("succeeded", GatewayOutcome.Succeeded)]
    [InlineData("pending", GatewayOutcome.Succeeded)]
    [InlineData("failed", GatewayOutcome.Declined)]
    [InlineData("canceled", GatewayOutcome.Declined)]
    [InlineData("something_new", GatewayOutcome.Unknown)]
    public void FromRefund_MapsRefundStatuses(string status, GatewayOutcome expected) =>
        Assert.Equal(expected, StripeResults.FromRefund(new Refund { Id = "re_1", Status = status }).Outcome);
}
