using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Components.Pages.Payments;

/// <summary>How the payment pages write times, amounts and cards: one culture-independent form, so every user reads the same text.</summary>
public static class PaymentFormat
{
    /// <summary>UTC to the second; the column headers say UTC.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"1,234.50 USD", "1,500 JPY", "1.250 BHD": the currency's own decimals, invariant separators.</summary>
    public static string Amount(Money amount) => amount.Format(CultureInfo.InvariantCulture);

    /// <summary>"Visa •••• 4242"; the brand alone when the gateway gave no digits, nothing when it gave neither.</summary>
    public static string Card(string? brand, string? last4)
    {
        var name = string.IsNullOrWhiteSpace(brand) ? "" : char.ToUpperInvariant(brand[0]) + brand[1..];
        return string.IsNullOrWhiteSpace(last4) ? name : $"{name} •••• {last4}".TrimStart();
    }

    /// <summary>"03/30" for March 2030, as printed on cards; nothing unless both parts are known.</summary>
    public static string Expiry(int? month, int? year) =>
        month is { } m && year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{m:00}/{y % 100:00}") : "";
}
