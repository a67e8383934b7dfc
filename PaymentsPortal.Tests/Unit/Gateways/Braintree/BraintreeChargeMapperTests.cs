using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Payments;
using static PaymentsPortal.Tests.Unit.Gateways.Braintree.BraintreeNodes;

namespace PaymentsPortal.Tests.Unit.Gateways.Braintree;

[Trait("Tier", "Unit")]
public sealed class BraintreeChargeMapperTests
{
    private static readonly Money Requested = new(1234, Currency.Usd);

    [Theory]
    [InlineData("AUTHORIZED")]
    [InlineData("SUBMITTED_FOR_SETTLEMENT")]
    [InlineData("SETTLING")]
    [InlineData("SETTLED")]
    [InlineData("SETTLEMENT_PENDING")]
    public void ForAuthorize_MoneyHeldOrTaken_SucceededWithBraintreeStatus(string status)
    {
        var result = BraintreeChargeMapper.ForAuthorize(Transaction(status), Requested);

        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
        Assert.Equal(status, result.Status);
        Assert.Equal("dHJhbnNhY3Rpb25fYWJj", result.GatewayReference);
        Assert.Equal(new CardSummary("visa", "1111", 12, 2030), result.Card);
    }

    [Theory]
    [InlineData("2000", false)] // Do Not Honor
    [InlineData("2001", false)] // Insufficient Funds: never elsewhere
    [InlineData("2002", false)] // Limit Exceeded
    [InlineData("2004", false)] // Expired Card
    [InlineData("2010", false)] // Card Issuer Declined CVV
    [InlineData("2014", false)] // Fraud Suspected
    [InlineData("2016", false)] // Duplicate Transaction: could charge twice
    [InlineData("2046", false)] // Declined
    [InlineData("2099", false)] // Cardholder Authentication Required
    [InlineData("2024", true)]  // Card Type Not Enabled on this merchant account
    [InlineData("2025", true)]  // Set Up Error - Merchant
    [InlineData("3000", true)]  // Processor Network Unavailable - Try Again
    [InlineData("2999", false)] // not in the table
    [InlineData(null, false)]
    public void ForAuthorize_ProcessorDeclined_RetryableOnlyForProcessorSideCodes(string? code, bool retryable)
    {
        var result = BraintreeChargeMapper.ForAuthorize(Transaction("PROCESSOR_DECLINED", legacyCode: code, processorMessage: "Declined."), Requested);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal(code is null ? "processor_declined" : "processor_declined/" + code, result.Code);
        Assert.Equal(retryable, result.RetryableElsewhere);
        Assert.Equal("dHJhbnNhY3Rpb25fYWJj", result.GatewayReference);
        Assert.Equal("PROCESSOR_DECLINED", result.Status);
    }

    [Fact]
    public void ForAuthorize_SoftDecline_SaysTheSameCardMayWorkLaterButStaysHere()
    {
        var history = new[] { new StatusEventNode("ProcessorDeclinedEvent", "PROCESSOR_DECLINED", "SOFT", null, null) };

        var result = BraintreeChargeMapper.ForAuthorize(Transaction("PROCESSOR_DECLINED", legacyCode: "2001", processorMessage: "Insufficient Funds", history: history), Requested);

        Assert.False(result.RetryableElsewhere);
        Assert.Contains("soft decline", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FRAUD", false)]
    [InlineData("RISK_THRESHOLD", false)]
    [InlineData("CVV", false)]
    [InlineData("AVS_AND_CVV", false)]
    [InlineData("THREE_D_SECURE", false)]
    [InlineData("DUPLICATE", false)]
    [InlineData("APPLICATION_INCOMPLETE", true)]
    [InlineData("MANUAL_TRANSACTIONS_DISABLED", true)]
    public void ForAuthorize_GatewayRejected_RetryableOnlyForMerchantSetup(string reason, bool retryable)
    {
        var history = new[] { new StatusEventNode("GatewayRejectedEvent", "GATEWAY_REJECTED", null, reason, new IdNode("dHJhbnNhY3Rpb25fb2xk")) };

        var result = BraintreeChargeMapper.ForAuthorize(Transaction("GATEWAY_REJECTED", history: history), Requested);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("gateway_rejected/" + reason.ToLowerInvariant(), result.Code);
        Assert.Equal(retryable, result.RetryableElsewhere);
    }

    [Fact]
    public void ForAuthorize_DuplicateRejection_NamesTheOriginalTransaction()
    {
        var history = new[] { new StatusEventNode("GatewayRejectedEvent", "GATEWAY_REJECTED", null, "DUPLICATE", new IdNode("dHJhbnNhY3Rpb25fb2xk")) };

        var result = BraintreeChargeMapper.ForAuthorize(Transaction("GATEWAY_REJECTED", history: history), Requested);

        Assert.Contains("dHJhbnNhY3Rpb25fb2xk", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAuthorize_FailedBeforeTheProcessor_DeclinedRetryable()
    {
        var result = BraintreeChargeMapper.ForAuthorize(Transaction("FAILED", legacyCode: "3000", processorMessage: "Processor Network Unavailable - Try Again"), Requested);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("failed/3000", result.Code);
        Assert.True(result.RetryableElsewhere);
    }

    [Theory]
    [InlineData("AUTHORIZING", "authorizing")]
    [InlineData("VOIDED", "unexpected_status")]
    [InlineData("SETTLEMENT_DECLINED", "unexpected_status")]
    [InlineData("SOMETHING_NEW", "unexpected_status")]
    public void ForAuthorize_NotAnAnswerYetOrUnexpected_UnknownKeepingTheReference(string status, string code)
    {
        var result = BraintreeChargeMapper.ForAuthorize(Transaction(status), Requested);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal(code, result.Code);
        Assert.Equal("dHJhbnNhY3Rpb25fYWJj", result.GatewayReference);
    }

    [Theory]
    [InlineData("12.00", "USD")]  // partial authorization
    [InlineData("12.34", "EUR")]  // merchant account in another currency
    [InlineData("12.345", "USD")] // more decimals than the currency has
    public void ForAuthorize_SucceededForSomethingElse_UnknownNotSucceeded(string value, string currency)
    {
        var result = BraintreeChargeMapper.ForAuthorize(Transaction("SUBMITTED_FOR_SETTLEMENT", value, currency), Requested);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("dHJhbnNhY3Rpb25fYWJj", result.GatewayReference);
    }

    [Theory]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1500.00", "JPY", 1500)]
    [InlineData("1.250", "BHD", 1250)]
    [InlineData("0.007", "BHD", 7)]
    [InlineData("12.3", "USD", 1230)]
    public void TryReadAmount_DecimalString_ExactMinorUnits(string value, string currency, long minor)
    {
        Assert.True(BraintreeChargeMapper.TryReadAmount(new MonetaryAmountNode(value, currency), null, out var money));
        Assert.Equal(new Money(minor, Currency.From(currency)), money);
    }

    [Theory]
    [InlineData("1500.5", "JPY")]
    [InlineData("1.2345", "BHD")]
    [InlineData("abc", "USD")]
    [InlineData("12.34", "XXX")]
    [InlineData("12.34", null)]
    public void TryReadAmount_InexactOrWithoutCurrency_Unreadable(string value, string? currency) =>
        Assert.False(BraintreeChargeMapper.TryReadAmount(new MonetaryAmountNode(value, currency), null, out _));

    [Fact]
    public void ForCapture_Submitted_SucceededAndVoided_DeclinedNotRetryable()
    {
        Assert.Equal(GatewayOutcome.Succeeded, BraintreeChargeMapper.ForCapture(Transaction("SUBMITTED_FOR_SETTLEMENT"), Requested).Outcome);

        var voided = BraintreeChargeMapper.ForCapture(Transaction("VOIDED"), Requested);
        Assert.Equal(GatewayOutcome.Declined, voided.Outcome);
        Assert.False(voided.RetryableElsewhere);
        Assert.Equal(GatewayOutcome.Unknown, BraintreeChargeMapper.ForCapture(Transaction("AUTHORIZED"), Requested).Outcome);
    }

    [Fact]
    public void CardOf_AmexWithTwoDigitYear_NormalisedSummary()
    {
        var transaction = Transaction("SETTLED") with { PaymentMethodSnapshot = new PaymentMethodSnapshotNode("CreditCardDetails", "AMERICAN_EXPRESS", "0005", "03", "29") };

        Assert.Equal(new CardSummary("amex", "0005", 3, 2029), BraintreeChargeMapper.CardOf(transaction));
    }

    [Fact]
    public void CardOf_NotACard_Null()
    {
        var transaction = Transaction("SETTLED") with { PaymentMethodSnapshot = new PaymentMethodSnapshotNode("PayPalTransactionDetails", null, null, null, null) };

        Assert.Null(BraintreeChargeMapper.CardOf(transaction));
    }
}
