using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements.Ofx;

/// <summary>OFX's own value formats: dates as YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]], amounts as signed decimals.</summary>
internal static class OfxValues
{
    /// <summary>
    /// The calendar day as written: the first eight digits. The time and zone are dropped, not converted, because the
    /// bank's posting day is what a statement line means, and converting 00:00 EST to UTC would move it a day.
    /// </summary>
    public static DateOnly? Date(string value, out string? error)
    {
        error = null;
        var text = value.Trim();
        if (text.Length < 8 || !Digits(text.AsSpan(0, 8)) || (text.Length > 8 && !char.IsAsciiDigit(text[8]) && text[8] is not ('.' or '[')))
        {
            error = $"the date {StatementText.Quote(value)} is not an OFX date (YYYYMMDD)";
            return null;
        }

        var outcome = StatementDate.TryParse(text[..8], "yyyyMMdd", out var date);
        if (outcome != StatementDate.Outcome.Parsed)
        {
            error = $"the date {StatementText.Quote(value)} does not exist";
            return null;
        }

        return date;
    }

    /// <summary>
    /// A signed amount. OFX allows a point or a comma before the decimals and no grouping, so "1,234.56" is refused
    /// rather than read as 1.234.
    /// </summary>
    public static Money? Amount(string value, Currency currency, out string? error)
    {
        error = null;
        var text = value.Trim();
        var negative = text.StartsWith('-');
        var unsigned = text.TrimStart('-', '+');
        var point = unsigned.IndexOfAny(['.', ',']);
        var whole = point < 0 ? unsigned : unsigned[..point];
        var fraction = point < 0 ? "" : unsigned[(point + 1)..];
        if (text.Length - unsigned.Length > 1 || (whole.Length == 0 && fraction.Length == 0)
            || !Digits(whole) || !Digits(fraction))
        {
            error = $"the amount {StatementText.Quote(value)} is not a number";
            return null;
        }

        var money = StatementAmount.ToMoney(whole, fraction, negative, currency, out var detail);
        if (money is null)
        {
            error = $"the amount {StatementText.Quote(value)} {detail}";
        }

        return money;
    }

    private static bool Digits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
