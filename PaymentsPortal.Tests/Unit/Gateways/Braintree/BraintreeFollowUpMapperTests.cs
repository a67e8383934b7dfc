using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;
using static PaymentsPortal.Tests.Unit.Gateways.Braintree.BraintreeNodes;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

[Trait("Tier", "Unit")]
public sealed class BraintreeFollowUpMapperTests
{
    [Theory]
    [InlineData("SUBMITTED_FOR_SETTLEMENT", GatewayOutcome.Succeeded)]
    [InlineData("SETTLED", GatewayOutcome.Succeeded)]
    [InlineData("PROCESSOR_DECLINED", GatewayOutcome.Declined)]
    [InlineData("FAILED", GatewayOutcome.Declined)]
    [InlineData("AUTHORIZING", GatewayOutcome.Unknown)]
    public void ForRefund_Status_Outcome(string status, GatewayOutcome outcome)
    {
        var result = BraintreeFollowUpMapper.ForRefund(Refund("5.00", status), new Money(500, Currency.Usd));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal("cmVmdW5kXzE=", result.GatewayReference);
        Assert.False(result.RetryableElsewhere);
    }

    [Fact]
    public void ForRefund_DifferentAmount_Unknown()
    {
        var result = BraintreeFollowUpMapper.ForRefund(Refund("5.01"), new Money(500, Currency.Usd));

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("amount_mismatch", result.Code);
    }

    [Fact]
    public void ForReversal_VoidedTransactionOrRefund_Succeeded()
    {
        var voided = BraintreeFollowUpMapper.ForReversal(new ReversalNode("Transaction", "dHg=", "o", "VOIDED", null));
        var refunded = BraintreeFollowUpMapper.ForReversal(new ReversalNode("Refund", "cmY=", "o", "SUBMITTED_FOR_SETTLEMENT", null));

        Assert.Equal((GatewayOutcome.Succeeded, "VOIDED"), (voided.Outcome, voided.Status));
        Assert.Equal((GatewayOutcome.Succeeded, "cmY="), (refunded.Outcome, refunded.GatewayReference));
    }

    [Fact]
    public void ForReversal_TransactionNotVoided_Unknown() =>
        Assert.Equal(GatewayOutcome.Unknown, BraintreeFollowUpMapper.ForReversal(new ReversalNode("Transaction", "dHg=", "o", "SETTLED", null)).Outcome);
}
