namespace PaymentsPortal.Core.Redaction;

/// <summary>Primary account numbers as PCI DSS sees them: 13 to 19 digits that pass the Luhn check.</summary>
public static class CardNumbers
{
    public const int MinDigits = 13;
    public const int MaxDigits = 19;

    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Whether a run of digits (separators already removed) is a plausible card number.</summary>
    public static bool IsCardNumber(ReadOnlySpan<char> digits) =>
        digits.Length is >= MinDigits and <= MaxDigits && PassesLuhn(digits);

    /// <summary>Everything but the last four digits masked, the form PCI DSS 3.4.1 allows to be shown.</summary>
    public static string Mask(ReadOnlySpan<char> digits) => "****" + digits[^4..].ToString();
}
