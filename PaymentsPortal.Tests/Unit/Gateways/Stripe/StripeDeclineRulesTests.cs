using PaymentsPortal.Core.Gateways.Stripe;

namespace PaymentsPortal.Tests.Unit.Gateways.Stripe;

[Trait("Tier", "Unit")]
public sealed class StripeDeclineRulesTests
{
    [Theory]
    [InlineData("card_declined", "processing_error")]
    [InlineData("card_declined", "issuer_not_available")]
    [InlineData("card_declined", "try_again_later")]
    [InlineData("card_declined", "reenter_transaction")]
    [InlineData("processing_error", null)]
    [InlineData("processing_error", "processing_error")]
    public void IsRetryableElsewhere_NetworkOrProcessorProblem_IsRetryable(string code, string? declineCode) =>
        Assert.True(StripeDeclineRules.IsRetryableElsewhere(code, declineCode));

    [Theory]
    [InlineData("card_declined", "insufficient_funds")]
    [InlineData("card_declined", "lost_card")]
    [InlineData("card_declined", "stolen_card")]
    [InlineData("card_declined", "fraudulent")]
    [InlineData("card_declined", "do_not_honor")]
    [InlineData("card_declined", "generic_decline")]
    [InlineData("card_declined", "card_velocity_exceeded")]
    [InlineData("card_declined", "authentication_required")]
    [InlineData("incorrect_cvc", "incorrect_cvc")]
    [InlineData("expired_card", "expired_card")]
    [InlineData("incorrect_number", null)]
    [InlineData("card_declined", null)]
    [InlineData("card_declined", "a_code_stripe_adds_next_year")]
    [InlineData(null, null)]
    public void IsRetryableElsewhere_CardOrCustomerProblemOrUnknownCode_IsNotRetryable(string? code, string? declineCode) =>
        Assert.False(StripeDeclineRules.IsRetryableElsewhere(code, declineCode));

    [Fact]
    public void IsRetryableElsewhere_DeclineCodeDecides_OverARetryableLookingCode() =>
        Assert.False(StripeDeclineRules.IsRetryableElsewhere("processing_error", "insufficient_funds"));

    [Theory]
    [InlineData("card_declined", "insufficient_funds", "card_declined/insufficient_funds")]
    [InlineData("expired_card", "expired_card", "expired_card")]
    [InlineData("incorrect_number", null, "incorrect_number")]
    [InlineData(null, "do_not_honor", "do_not_honor")]
    [InlineData(null, null, "card_error")]
    public void CombinedCode_JoinsCodeAndDeclineCode(string? code, string? declineCode, string expected) =>
        Assert.Equal(expected, StripeDeclineRules.CombinedCode(code, declineCode));
}
