using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;
using static PaymentsPortal.Tests.Unit.Gateways.Braintree.BraintreeNodes;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

[Trait("Tier", "Unit")]
public sealed class BraintreeLookupMapperTests
{
    [Theory]
    [InlineData("AUTHORIZED", GatewayChargeState.Authorized)]
    [InlineData("SUBMITTED_FOR_SETTLEMENT", GatewayChargeState.Captured)]
    [InlineData("SETTLING", GatewayChargeState.Captured)]
    [InlineData("SETTLED", GatewayChargeState.Captured)]
    [InlineData("VOIDED", GatewayChargeState.Voided)]
    [InlineData("AUTHORIZATION_EXPIRED", GatewayChargeState.Voided)]
    [InlineData("PROCESSOR_DECLINED", GatewayChargeState.Failed)]
    [InlineData("GATEWAY_REJECTED", GatewayChargeState.Failed)]
    [InlineData("FAILED", GatewayChargeState.Failed)]
    [InlineData("SETTLEMENT_DECLINED", GatewayChargeState.Failed)]
    [InlineData("AUTHORIZING", GatewayChargeState.Processing)]
    [InlineData("SOMETHING_NEW", GatewayChargeState.Processing)]
    public void StateOf_Status_ChargeState(string status, GatewayChargeState state) =>
        Assert.Equal(state, BraintreeLookupMapper.StateOf(Transaction(status)));

    [Fact]
    public void StateOf_SettledAndRefundedInParts_RefundedOnlyWhenTheRefundsAddUp()
    {
        var partly = Transaction("SETTLED", "10.00", refunds: [Refund("4.00")]);
        var fully = Transaction("SETTLED", "10.00", refunds: [Refund("4.00"), Refund("6.00")]);
        var failedRefund = Transaction("SETTLED", "10.00", refunds: [Refund("4.00"), Refund("6.00", "PROCESSOR_DECLINED")]);

        Assert.Equal(GatewayChargeState.Captured, BraintreeLookupMapper.StateOf(partly));
        Assert.Equal(GatewayChargeState.Refunded, BraintreeLookupMapper.StateOf(fully));
        Assert.Equal(GatewayChargeState.Captured, BraintreeLookupMapper.StateOf(failedRefund));
    }

    [Fact]
    public void From_Nothing_NotFound() => Assert.Equal(GatewayLookup.NotFound(), BraintreeLookupMapper.From([], truncated: false));

    [Fact]
    public void From_One_FoundWithoutMessage()
    {
        var lookup = BraintreeLookupMapper.From([Transaction("SETTLED", "1500", "JPY")], truncated: false);

        Assert.Equal(GatewayLookup.Of(GatewayChargeState.Captured, "dHJhbnNhY3Rpb25fYWJj", new Money(1500, Currency.Jpy)), lookup);
    }

    [Fact]
    public void From_DeclinedThenCaptured_ReportsCapturedAndNamesBoth()
    {
        var declined = Transaction("PROCESSOR_DECLINED", id: "first", createdAt: DateTimeOffset.UnixEpoch);
        var captured = Transaction("SUBMITTED_FOR_SETTLEMENT", id: "second", createdAt: DateTimeOffset.UnixEpoch.AddMinutes(1));

        var lookup = BraintreeLookupMapper.From([declined, captured], truncated: false);

        Assert.Equal(GatewayChargeState.Captured, lookup.State);
        Assert.Equal("second", lookup.GatewayReference);
        Assert.Equal("2 Braintree transactions carry this attempt's order id (possible double charge; review and reverse the extras): first PROCESSOR_DECLINED, second SUBMITTED_FOR_SETTLEMENT", lookup.Message);
    }

    [Fact]
    public void From_TwoCaptured_TheEarlierIsReported()
    {
        var later = Transaction("SETTLED", id: "later", createdAt: DateTimeOffset.UnixEpoch.AddMinutes(5));
        var earlier = Transaction("SETTLED", id: "earlier", createdAt: DateTimeOffset.UnixEpoch);

        var lookup = BraintreeLookupMapper.From([later, earlier], truncated: false);

        Assert.Equal("earlier", lookup.GatewayReference);
        Assert.StartsWith("2 Braintree", lookup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_AuthorizedBeatsRefundedBeatsVoided()
    {
        var lookup = BraintreeLookupMapper.From(
            [Transaction("VOIDED", id: "v"), Transaction("SETTLED", "12.34", refunds: [Refund("12.34")], id: "r"), Transaction("AUTHORIZED", id: "a")],
            truncated: false);

        Assert.Equal((GatewayChargeState.Authorized, "a"), (lookup.State, lookup.GatewayReference));
    }

    [Fact]
    public void From_MorePagesThanRead_SaysSoEvenForOne()
    {
        var lookup = BraintreeLookupMapper.From([Transaction("SETTLED")], truncated: true);

        Assert.StartsWith("1+ Braintree transactions", lookup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_AmountWithoutCurrency_UnknownRatherThanGuessing()
    {
        var lookup = BraintreeLookupMapper.From([Transaction("SETTLED", "1500", currency: null)], truncated: false);

        Assert.Equal(GatewayOutcome.Unknown, lookup.Outcome);
        Assert.False(lookup.Found);
    }
}
