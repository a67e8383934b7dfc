using System.Collections.Frozen;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// Stripe's own test PaymentMethod ids, which the simulator accepts as tokens, and how each behaves when confirmed.
/// The numbers' last four digits match Stripe's test cards, so what the portal shows looks like test mode.
/// </summary>
public static class StripeTestCards
{
    public const string Visa = "pm_card_visa";
    public const string VisaDebit = "pm_card_visa_debit";
    public const string Mastercard = "pm_card_mastercard";
    public const string Amex = "pm_card_amex";
    public const string Declined = "pm_card_chargeDeclined";
    public const string InsufficientFunds = "pm_card_chargeDeclinedInsufficientFunds";
    public const string LostCard = "pm_card_chargeDeclinedLostCard";
    public const string StolenCard = "pm_card_chargeDeclinedStolenCard";
    public const string Fraudulent = "pm_card_chargeDeclinedFraudulent";
    public const string ExpiredCard = "pm_card_chargeDeclinedExpiredCard";
    public const string IncorrectCvc = "pm_card_chargeDeclinedIncorrectCvc";
    public const string ProcessingError = "pm_card_chargeDeclinedProcessingError";
    public const string AuthenticationRequired = "pm_card_authenticationRequired";
    public const string ThreeDSecure2Required = "pm_card_threeDSecure2Required";
    public const string AuthenticationRequiredThenInsufficientFunds = "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds";

    /// <summary>Charged normally, then disputed as fraudulent right after capture (Stripe's "dispute: fraudulent" card).</summary>
    public const string CreateDispute = "pm_card_createDispute";

    private static readonly StripeCardDecline Generic = new("card_declined", "generic_decline", "Your card was declined.");
    private static readonly StripeCardDecline NoFunds = new("card_declined", "insufficient_funds", "Your card has insufficient funds.");

    private static readonly FrozenDictionary<string, StripeTestCard> Cards = new StripeTestCard[]
    {
        new(Visa, Number: "4242424242424242", "visa", "4242", "credit"),
        new(VisaDebit, Number: "4000056655665556", "visa", "5556", "debit"),
        new(Mastercard, Number: "5555555555554444", "mastercard", "4444", "credit"),
        new(Amex, Number: "371449635398431", "amex", "8431", "credit"),
        new(Declined, Number: "4000000000000002", "visa", "0002", "credit", Decline: Generic),
        new(InsufficientFunds, Number: "4000000000009995", "visa", "9995", "credit", Decline: NoFunds),
        new(LostCard, Number: "4000000000009987", "visa", "9987", "credit", Decline: new("card_declined", "lost_card", "Your card was declined.")),
        new(StolenCard, Number: "4000000000009979", "visa", "9979", "credit", Decline: new("card_declined", "stolen_card", "Your card was declined.")),
        new(Fraudulent, Number: null, "visa", "0019", "credit", Decline: new("card_declined", "fraudulent", "Your card was declined.")),
        new(ExpiredCard, Number: "4000000000000069", "visa", "0069", "credit", Decline: new("expired_card", "expired_card", "Your card has expired.")),
        new(IncorrectCvc, Number: "4000000000000127", "visa", "0127", "credit", Decline: new("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.")),
        new(ProcessingError, Number: "4000000000000119", "visa", "0119", "credit",
            Decline: new("processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit.")),
        new(AuthenticationRequired, Number: "4000002760003184", "visa", "3184", "credit", RequiresAuthentication: true),
        new(ThreeDSecure2Required, Number: "4000000000003220", "visa", "3220", "credit", RequiresAuthentication: true),
        new(AuthenticationRequiredThenInsufficientFunds, Number: "4000008260003178", "visa", "3178", "credit", RequiresAuthentication: true, Decline: NoFunds),
        new(CreateDispute, Number: "4000000000000259", "visa", "0259", "credit", DisputeReason: "fraudulent"),
    }.ToFrozenDictionary(card => card.Id, StringComparer.Ordinal);

    internal static StripeTestCard? Find(string? id) => id is not null && Cards.TryGetValue(id, out var card) ? card : null;

    /// <summary>Test card number (digits only) to the PaymentMethod id Stripe.js would create for it in test mode.</summary>
    public static IReadOnlyDictionary<string, string> ByNumber { get; } =
        Cards.Values.Where(card => card.Number is not null).ToFrozenDictionary(card => card.Number!, card => card.Id, StringComparer.Ordinal);
}

/// <summary>
/// A test card: with <paramref name="RequiresAuthentication"/> the decline (if any) comes after 3-D Secure; with
/// <paramref name="DisputeReason"/> the captured charge is disputed for that reason.
/// <paramref name="Number"/> is Stripe's documented test number for it, which the Stripe.js stand-in turns into this
/// PaymentMethod in the browser; null where Stripe documents none for this PaymentMethod.
/// </summary>
internal sealed record StripeTestCard(
    string Id,
    string? Number,
    string Brand,
    string Last4,
    string Funding,
    bool RequiresAuthentication = false,
    StripeCardDecline? Decline = null,
    string? DisputeReason = null);

internal sealed record StripeCardDecline(string Code, string? DeclineCode, string Message);
