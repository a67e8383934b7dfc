using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Sandbox.TestPayments;

/// <summary>What a test payment's card should do, whichever gateway's hosted fields end up tokenizing it.</summary>
public enum SandboxTestCard
{
    Success = 1,
    Decline = 2,
    InsufficientFunds = 3,
    ThreeDSecure = 4,

    /// <summary>Succeeds, then the customer disputes it as fraudulent.</summary>
    Dispute = 5,
}

/// <summary>
/// The token (and amount) to send for a test card on one gateway. <see cref="Token"/> is null when that gateway's
/// simulator has no such card; <see cref="Note"/> then says why, or otherwise how the request differs from the input.
/// </summary>
public sealed record TestCardCharge(PaymentToken? Token, Money Amount, string? Note);

/// <summary>
/// Each gateway's own test tokens for the test cards, as its hosted fields would issue them: a Stripe
/// PaymentMethod cannot be charged on Braintree and the other way round, so the token depends on the gateway chosen.
/// </summary>
public static class SandboxTestCards
{
    public static string Describe(SandboxTestCard card) => card switch
    {
        SandboxTestCard.Success => "Succeeds",
        SandboxTestCard.Decline => "Declined",
        SandboxTestCard.InsufficientFunds => "Insufficient funds",
        SandboxTestCard.ThreeDSecure => "3-D Secure required",
        SandboxTestCard.Dispute => "Succeeds, then disputed",
        _ => throw new ArgumentOutOfRangeException(nameof(card), card, null),
    };

    public static TestCardCharge For(SandboxTestCard card, GatewayKind gateway, Money amount) => gateway switch
    {
        GatewayKind.Stripe => new(new PaymentToken(gateway, StripeToken(card)), amount, null),
        GatewayKind.Braintree => Braintree(card, amount),
        _ => new(null, amount, $"No test cards are known for {gateway}; nothing was sent."),
    };

    private static string StripeToken(SandboxTestCard card) => card switch
    {
        SandboxTestCard.Success => StripeTestCards.Visa,
        SandboxTestCard.Decline => StripeTestCards.Declined,
        SandboxTestCard.InsufficientFunds => StripeTestCards.InsufficientFunds,
        SandboxTestCard.ThreeDSecure => StripeTestCards.ThreeDSecure2Required,
        SandboxTestCard.Dispute => StripeTestCards.CreateDispute,
        _ => throw new ArgumentOutOfRangeException(nameof(card), card, null),
    };

    private static TestCardCharge Braintree(SandboxTestCard card, Money amount)
    {
        var token = (string value) => new PaymentToken(GatewayKind.Braintree, value);
        return card switch
        {
            SandboxTestCard.Success => new(token(BraintreeTestNonces.Valid), amount, null),
            SandboxTestCard.Decline => new(token(BraintreeTestNonces.ProcessorDeclined), amount, null),

            // As in Braintree's own sandbox, where only the amount can ask for this decline.
            SandboxTestCard.InsufficientFunds => InsufficientFundsOnBraintree(amount),
            SandboxTestCard.ThreeDSecure => new(null, amount, "The Braintree simulator has no 3-D Secure card; nothing was sent."),
            SandboxTestCard.Dispute => new(null, amount, "The Braintree simulator has no disputing card; nothing was sent."),
            _ => throw new ArgumentOutOfRangeException(nameof(card), card, null),
        };
    }

    private static TestCardCharge InsufficientFundsOnBraintree(Money amount)
    {
        var declining = new Money((long)(BraintreeTestNonces.InsufficientFundsAmount * amount.Currency.MinorPerMajor), amount.Currency);
        return new(new PaymentToken(GatewayKind.Braintree, BraintreeTestNonces.Valid), declining,
            declining == amount ? null : $"Braintree declines insufficient funds by amount, so {declining} was sent instead of {amount}.");
    }
}
