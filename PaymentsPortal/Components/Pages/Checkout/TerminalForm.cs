using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Checkout;

namespace PaymentsPortal.Components.Pages.Checkout;

/// <summary>
/// The virtual terminal's form as typed. The amount is entered in major units and converted exactly into the currency's
/// minor units (JPY has none, BHD three): never through a floating-point number, and never rounded.
/// </summary>
public sealed class TerminalForm
{
    public string? Amount { get; set; }

    public string CurrencyCode { get; set; } = Currency.Usd.Code;

    public string? Description { get; set; }

    public string? CustomerEmail { get; set; }

    public Currency Currency => Currency.TryFrom(CurrencyCode, out var currency) ? currency : Currency.Usd;

    public string? CurrencyProblem => Currency.TryFrom(CurrencyCode, out _) ? null : $"'{CurrencyCode}' is not a supported ISO 4217 currency.";

    public string? AmountProblem => AmountProblemOf(Amount, CurrencyCode);

    public string? EmailProblem => EmailProblemOf(CustomerEmail);

    public string? DescriptionProblem => DescriptionProblemOf(Description);

    public IReadOnlyList<string> Problems => [.. new[] { CurrencyProblem, AmountProblem, DescriptionProblem, EmailProblem }.OfType<string>()];

    /// <summary>Null for an unknown currency too: <see cref="CurrencyProblem"/> reports that one.</summary>
    public static string? AmountProblemOf(string? amount, string currencyCode)
    {
        if (!Currency.TryFrom(currencyCode, out var currency))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(amount))
        {
            return "Enter the amount.";
        }

        if (!Money.TryParse(amount, currency, out var money, out var error))
        {
            return error;
        }

        return money.IsPositive ? null : "The amount must be greater than zero.";
    }

    public static string? EmailProblemOf(string? email) =>
        string.IsNullOrWhiteSpace(email) || EmailAddress.IsValid(email.Trim()) ? null : "Enter the customer's email address (name@example.com), or leave it empty.";

    public static string? DescriptionProblemOf(string? description) =>
        description is not null && description.Trim().Length > VirtualTerminal.MaxDescriptionLength
            ? $"Keep the description to {VirtualTerminal.MaxDescriptionLength} characters."
            : null;

    /// <summary>The amount, or null while it is not a valid amount in the chosen currency.</summary>
    public Money? ToMoneyOrNull() =>
        AmountProblem is null && CurrencyProblem is null && Money.TryParse(Amount, Currency, out var money, out _) ? money : null;

    /// <summary>The amount in minor units; only call when <see cref="Problems"/> is empty.</summary>
    public Money ToMoney() =>
        Problems.Count == 0 && Money.TryParse(Amount, Currency, out var money, out _)
            ? money
            : throw new InvalidOperationException("The terminal form is not valid: " + string.Join(" ", Problems));

    /// <summary>The payment to send with the checkout's key and the card's token; only call when <see cref="Problems"/> is empty.</summary>
    public TerminalPayment ToPayment(string key, Core.Gateways.PaymentToken token) =>
        new(key, ToMoney(), token, Blank(Description), Blank(CustomerEmail));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
