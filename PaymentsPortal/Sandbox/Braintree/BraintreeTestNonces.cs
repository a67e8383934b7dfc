using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>A card as the simulator shows it: never a number, only what a payment method snapshot carries.</summary>
public sealed record BraintreeSimulatedCard(string BrandCode, string Last4, int ExpirationMonth, int ExpirationYear);

/// <summary>What processing a charge decided, before it is stored.</summary>
internal sealed record BraintreeChargeDecision(string Status, string ProcessorCode, string ProcessorMessage, string? DeclineType = null, string? RejectionReason = null);

/// <summary>
/// Braintree's sandbox test nonces and test amounts, so the portal's real adapter meets the answers it will meet in
/// Braintree's own sandbox: fake-valid-nonce charges; fake-processor-declined-visa-nonce is declined 2000; amounts
/// from 2000.00 to 2999.99 are declined with that code (2001.00 is insufficient funds); 3000.00 to 3000.99 fail with
/// 3000 (processor network unavailable).
/// </summary>
internal static class BraintreeTestNonces
{
    private static readonly BraintreeSimulatedCard Visa = new("VISA", "1111", 12, 2030);

    /// <summary>Braintree's sandbox dispute card (4023 8984 9398 8028): a sale on it settles and is then disputed.</summary>
    public static readonly BraintreeSimulatedCard DisputeCard = new("VISA", "8028", 12, 2030);

    /// <summary>The stand-in's nonce for the dispute card; Braintree's sandbox has no fixed nonce for it.</summary>
    public const string Disputed = "fake-valid-dispute-visa-nonce";

    // Declared before the nonce table, which reads it during static initialisation.
    private static readonly Dictionary<int, string> DeclineMessages = new()
    {
        [2000] = "Do Not Honor",
        [2001] = "Insufficient Funds",
        [2002] = "Limit Exceeded",
        [2004] = "Expired Card",
        [2005] = "Invalid Credit Card Number",
        [2010] = "Card Issuer Declined CVV",
        [2014] = "Processor Declined - Fraud Suspected",
        [2015] = "Transaction Not Allowed",
        [2016] = "Duplicate Transaction",
        [2024] = "Card Type Not Enabled",
        [2046] = "Declined",
        [2047] = "Call Issuer. Pick Up Card.",
    };

    /// <summary>Charges: Braintree's generic valid Visa nonce.</summary>
    public const string Valid = "fake-valid-nonce";

    /// <summary>Declined 2000 (Do Not Honor) whatever the amount.</summary>
    public const string ProcessorDeclined = "fake-processor-declined-visa-nonce";

    /// <summary>Braintree's sandbox has no insufficient-funds nonce: this amount (major units) is declined 2001 with any valid nonce.</summary>
    public const decimal InsufficientFundsAmount = 2001m;

    private static readonly Dictionary<string, (BraintreeSimulatedCard Card, BraintreeChargeDecision? Forced)> Nonces = new(StringComparer.Ordinal)
    {
        [Valid] = (Visa, null),
        ["fake-valid-visa-nonce"] = (new("VISA", "1881", 12, 2030), null),
        ["fake-valid-mastercard-nonce"] = (new("MASTERCARD", "4444", 12, 2030), null),
        ["fake-valid-amex-nonce"] = (new("AMERICAN_EXPRESS", "0005", 12, 2030), null),
        [Disputed] = (DisputeCard, null),
        [ProcessorDeclined] = (Visa, Declined(2000)),
        ["fake-processor-declined-mastercard-nonce"] = (new("MASTERCARD", "4444", 12, 2030), Declined(2000)),
        ["fake-processor-failure-visa-nonce"] = (Visa, new("FAILED", "3000", "Processor Network Unavailable - Try Again")),
        ["fake-gateway-rejected-fraud-valid-nonce"] = (Visa, new("GATEWAY_REJECTED", "1000", "Approved", RejectionReason: "FRAUD")),
    };

    /// <summary>
    /// Braintree's documented sandbox card numbers (digits only) to the nonce the hosted-fields stand-in issues for each. In
    /// Braintree's own sandbox a transaction's outcome follows its amount, not its card; here the declining card numbers
    /// give the declining nonces, so a decline can be shown without the amount rule.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ByCardNumber { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["4111111111111111"] = Valid,
        ["4012888888881881"] = "fake-valid-visa-nonce",
        ["5555555555554444"] = "fake-valid-mastercard-nonce",
        ["378282246310005"] = "fake-valid-amex-nonce",
        ["4023898493988028"] = Disputed,
        ["4000111111111115"] = ProcessorDeclined,
        ["5105105105105100"] = "fake-processor-declined-mastercard-nonce",
    };

    /// <summary>A nonce Braintree has already consumed: charging it again is a validation error.</summary>
    public const string Consumed = "fake-consumed-nonce";

    public static bool TryFind(string paymentMethodId, out BraintreeSimulatedCard card, out BraintreeChargeDecision? forced)
    {
        var found = Nonces.TryGetValue(paymentMethodId, out var entry);
        (card, forced) = found ? entry : (Visa, null);
        return found;
    }

    /// <summary>Braintree's sandbox amount rules, applied to the major-unit value in the account's currency.</summary>
    public static BraintreeChargeDecision? ByAmount(Money amount)
    {
        var major = (decimal)amount.MinorUnits / amount.Currency.MinorPerMajor;
        return major switch
        {
            >= 2000m and < 3000m => Declined((int)decimal.Truncate(major)),
            >= 3000m and < 3001m => new("FAILED", "3000", "Processor Network Unavailable - Try Again"),
            _ => null,
        };
    }

    private static BraintreeChargeDecision Declined(int code)
    {
        // Braintree's soft declines may succeed later on the same card; the rest are hard.
        var soft = code is 2000 or 2001 or 2002 or 2003 or 2016 or 2038 or 2046;
        return new("PROCESSOR_DECLINED", code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DeclineMessages.GetValueOrDefault(code, "Processor Declined"), soft ? "SOFT" : "HARD");
    }
}
