using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Links;

namespace PaymentsPortal.Components.Pages.PaymentLinks;

/// <summary>
/// The create dialog's form as typed. The amount stays text until <see cref="PaymentLinks"/> reads it exactly in the
/// currency's minor units; the page checks the same rules as the user types so mistakes show before submitting.
/// </summary>
public sealed class PaymentLinkForm
{
    /// <summary>How long a link stays payable, as offered in the form; the use case accepts any expiry within a year.</summary>
    public static IReadOnlyList<(string Label, TimeSpan Span)> Validities { get; } =
    [
        ("1 hour", TimeSpan.FromHours(1)),
        ("1 day", TimeSpan.FromDays(1)),
        ("7 days", TimeSpan.FromDays(7)),
        ("30 days", TimeSpan.FromDays(30)),
        ("90 days", TimeSpan.FromDays(90)),
        ("1 year", TimeSpan.FromDays(365)),
    ];

    public string? Amount { get; set; }

    public string CurrencyCode { get; set; } = Currency.Usd.Code;

    public string? Description { get; set; }

    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>True: one payment uses the link up. False: several payments, up to <see cref="MaxUses"/> when given.</summary>
    public bool SingleUse { get; set; } = true;

    /// <summary>The limit of a multiple-use link; empty for none.</summary>
    public int? MaxUses { get; set; }

    public Currency Currency => Currency.TryFrom(CurrencyCode, out var currency) ? currency : Currency.Usd;

    public string? AmountProblem
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Amount))
            {
                return "Enter the amount.";
            }

            if (!Money.TryParse(Amount, Currency, out var money, out var error))
            {
                return error;
            }

            return money.IsPositive ? null : "The amount must be greater than zero.";
        }
    }

    public string? DescriptionProblem => Description?.Trim() switch
    {
        null or "" => "Describe what the customer pays for: the payment page shows it.",
        { Length: > PaymentLink.DescriptionMaxLength } => $"Keep the description to {PaymentLink.DescriptionMaxLength} characters.",
        _ => null,
    };

    public string? MaxUsesProblem => !SingleUse && MaxUses is < 1 ? "Allow at least one payment, or leave the limit empty." : null;

    public IReadOnlyList<string> Problems => [.. new[] { AmountProblem, DescriptionProblem, MaxUsesProblem }.OfType<string>()];

    public NewPaymentLink ToRequest(DateTimeOffset now) => new(Amount, CurrencyCode, Description, now + ValidFor, SingleUse ? 1 : MaxUses);
}
