using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Reads an amount as a bank writes it ("1,234.56", "1.234,56", "(12.00)", "12.00-", "-$12.00", "€ 5,00", "12.50 EUR")
/// into exact minor units. Digit grouping is checked, not just stripped: with the separators the wrong way round
/// "12,50" would otherwise become 1,250.00, a silent hundredfold error. More decimals than the currency has is an
/// error, never a rounding.
/// </summary>
internal static class StatementAmount
{
    /// <summary>Parses <paramref name="text"/>; a blank value gives null and no error, for the caller to judge.</summary>
    public static Money? Parse(string text, char decimalSeparator, string thousandsSeparators, Currency currency, out string? error)
    {
        error = null;
        var value = text.Trim();

        // A lone dash is how some banks write "nothing" in a debit or credit column.
        if (value.Length == 0 || value is "-" or "\u2013" or "\u2014")
        {
            return null;
        }

        if (!TrySplitSign(ref value, out var negative, out var symbol))
        {
            error = $"the amount {StatementText.Quote(text)} has more than one sign or currency symbol";
            return null;
        }

        if (symbol is not null && !SymbolFits(symbol, currency))
        {
            error = $"the amount {StatementText.Quote(text)} is marked {symbol} but the statement currency is {currency.Code}";
            return null;
        }

        if (!TryDigits(value, decimalSeparator, thousandsSeparators, out var whole, out var fraction))
        {
            error = value.Any(char.IsAsciiDigit)
                ? $"the amount {StatementText.Quote(text)} is not a number written like {Example(decimalSeparator, thousandsSeparators)}"
                : $"the amount {StatementText.Quote(text)} is not a number";
            return null;
        }

        var money = ToMoney(whole, fraction, negative, currency, out var detail);
        if (money is null)
        {
            error = $"the amount {StatementText.Quote(text)} {detail}";
        }

        return money;
    }

    /// <summary>Exact minor units from integer and fraction digit strings; null with a reason when the currency cannot hold it.</summary>
    public static Money? ToMoney(string whole, string fraction, bool negative, Currency currency, out string? detail)
    {
        detail = null;
        var significant = fraction.TrimEnd('0');
        if (significant.Length > currency.Decimals)
        {
            detail = currency.Decimals == 0
                ? $"has decimals, but {currency.Code} has no minor units"
                : $"has more decimals than {currency.Code} has ({currency.Decimals.ToString(CultureInfo.InvariantCulture)})";
            return null;
        }

        var digits = whole.TrimStart('0') + significant.PadRight(currency.Decimals, '0');
        if (digits.Length > 18 || !long.TryParse(digits.Length == 0 ? "0" : digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            detail = "is too large";
            return null;
        }

        return new Money(negative ? -minor : minor, currency);
    }

    /// <summary>Takes signs, parentheses and currency symbols off both ends, in any order; false when there are two of a kind.</summary>
    private static bool TrySplitSign(ref string value, out bool negative, out string? symbol)
    {
        negative = false;
        symbol = null;
        var signs = 0;
        for (var changed = true; changed && value.Length > 0;)
        {
            changed = true;
            if (value.Length >= 2 && value[0] == '(' && value[^1] == ')')
            {
                negative = true;
                signs++;
                value = value[1..^1].Trim();
            }
            else if (IsSign(value[0]))
            {
                negative |= value[0] != '+';
                signs++;
                value = value[1..].Trim();
            }
            else if (IsSign(value[^1]))
            {
                negative |= value[^1] != '+';
                signs++;
                value = value[..^1].Trim();
            }
            else if (LeadingSymbol(value) is { } lead)
            {
                signs += symbol is null ? 0 : 2;
                symbol = lead;
                value = value[lead.Length..].Trim();
            }
            else if (TrailingSymbol(value) is { } trail)
            {
                signs += symbol is null ? 0 : 2;
                symbol = trail;
                value = value[..^trail.Length].Trim();
            }
            else
            {
                changed = false;
            }
        }

        return signs <= 1;
    }

    private static bool IsSign(char c) => c is '-' or '+' or '\u2212';

    private static readonly string[] Symbols = ["US$", "C$", "A$", "$", "€", "£", "¥"];

    private static string? LeadingSymbol(string value) =>
        Symbols.FirstOrDefault(s => value.StartsWith(s, StringComparison.Ordinal))
        ?? (value.Length > 3 && IsCode(value.AsSpan(0, 3)) && !char.IsAsciiLetter(value[3]) ? value[..3] : null);

    private static string? TrailingSymbol(string value) =>
        Symbols.FirstOrDefault(s => value.EndsWith(s, StringComparison.Ordinal))
        ?? (value.Length > 3 && IsCode(value.AsSpan(value.Length - 3)) && !char.IsAsciiLetter(value[^4]) ? value[^3..] : null);

    private static bool IsCode(ReadOnlySpan<char> text) => text.Length == 3 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) && char.IsAsciiLetterUpper(text[2]);

    // Only the unambiguous symbols are checked; '$' is written for dozens of dollars and pesos.
    private static bool SymbolFits(string symbol, Currency currency) => symbol switch
    {
        "€" => currency.Code == "EUR",
        "£" => currency.Code == "GBP",
        "¥" => currency.Code is "JPY" or "CNY",
        "US$" => currency.Code == "USD",
        "C$" => currency.Code == "CAD",
        "A$" => currency.Code == "AUD",
        "$" => currency.Code is not ("EUR" or "GBP" or "JPY" or "CNY" or "CHF"),
        _ => string.Equals(symbol, currency.Code, StringComparison.Ordinal),
    };

    /// <summary>Digits with at most one decimal separator and, before it, thousands separators between groups of three.</summary>
    private static bool TryDigits(string value, char decimalSeparator, string thousandsSeparators, out string whole, out string fraction)
    {
        whole = fraction = "";
        var point = value.IndexOf(decimalSeparator, StringComparison.Ordinal);
        var integer = point < 0 ? value : value[..point];
        fraction = point < 0 ? "" : value[(point + 1)..];
        if ((integer.Length == 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        var groups = integer.Split(thousandsSeparators.ToCharArray());
        if (groups.Length > 1 && (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
        {
            return false;
        }

        whole = string.Concat(groups);
        return whole.All(char.IsAsciiDigit);
    }

    /// <summary>An example of the expected shape, for messages: "1,234.56" or "1.234,56".</summary>
    public static string Example(char decimalSeparator, string thousandsSeparators) =>
        "1" + (thousandsSeparators.Length > 0 ? thousandsSeparators[0].ToString() : "") + "234" + decimalSeparator + "56";
}
