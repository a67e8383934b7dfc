using PaymentsPortal.Core.Redaction;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Unit.Checkout;

/// <summary>
/// The stand-ins turn test card numbers into the simulators' tokens in the browser; these tables are their only source, so
/// every number must be a real test number (Luhn-valid) that lands on a token the simulator knows, with matching last digits.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class SandboxTestCardNumbersTests
{
    [Theory]
    [InlineData("4242424242424242", StripeTestCards.Visa)]
    [InlineData("4000000000000002", StripeTestCards.Declined)]
    [InlineData("4000000000009995", StripeTestCards.InsufficientFunds)]
    [InlineData("4000000000003220", StripeTestCards.ThreeDSecure2Required)]
    [InlineData("4000002760003184", StripeTestCards.AuthenticationRequired)]
    [InlineData("4000000000000259", StripeTestCards.CreateDispute)]
    public void Stripe_DocumentedTestNumber_IsItsPaymentMethod(string number, string paymentMethod)
    {
        Assert.Equal(paymentMethod, StripeTestCards.ByNumber[number]);
    }

    [Fact]
    public void Stripe_EveryNumber_IsLuhnValidAndEndsInItsCardsLastFour()
    {
        Assert.NotEmpty(StripeTestCards.ByNumber);
        foreach (var (number, id) in StripeTestCards.ByNumber)
        {
            Assert.True(CardNumbers.PassesLuhn(number), number);
            Assert.Equal(StripeTestCards.Find(id)!.Last4, number[^4..]);
        }
    }

    [Fact]
    public void Braintree_EveryNumber_IsLuhnValidAndItsNonceIsKnownWithMatchingLastFour()
    {
        Assert.Equal(BraintreeTestNonces.Valid, BraintreeTestNonces.ByCardNumber["4111111111111111"]);
        Assert.Equal(BraintreeTestNonces.ProcessorDeclined, BraintreeTestNonces.ByCardNumber["4000111111111115"]);
        foreach (var (number, nonce) in BraintreeTestNonces.ByCardNumber)
        {
            Assert.True(CardNumbers.PassesLuhn(number), number);
            Assert.True(BraintreeTestNonces.TryFind(nonce, out var card, out _), nonce);
            if (BraintreeTestNonces.TryFind(nonce, out _, out var forced) && forced is null)
            {
                Assert.Equal(card.Last4, number[^4..]);
            }
        }
    }
}
