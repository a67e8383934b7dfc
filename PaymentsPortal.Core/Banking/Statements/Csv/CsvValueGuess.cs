using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>Guesses from the data itself: the delimiter, the date format, the decimal separator and the currency.</summary>
internal static class CsvValueGuess
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    private sealed record DateFamily(string[] Formats, bool DayFirst, bool MonthFirst);

    // Formats that read the same dates are in one family; day-first and month-first families are told apart by the data.
    private static readonly DateFamily[] DateFamilies =
    [
        new(["yyyy-MM-dd"], false, false),
        new(["yyyy/MM/dd"], false, false),
        new(["yyyy.MM.dd"], false, false),
        new(["yyyyMMdd"], false, false),
        new(["MM/dd/yyyy", "MM/dd/yy"], false, true),
        new(["dd/MM/yyyy", "dd/MM/yy"], true, false),
        new(["dd.MM.yyyy", "dd.MM.yy"], true, false),
        new(["MM-dd-yyyy", "MM-dd-yy"], false, true),
        new(["dd-MM-yyyy", "dd-MM-yy"], true, false),
        new(["dd MMM yyyy", "dd MMM yy"], false, false),
        new(["dd-MMM-yyyy", "dd-MMM-yy"], false, false),
        new(["MMM dd, yyyy", "MMM dd yyyy"], false, false),
    ];

    /// <summary>
    /// The delimiter that splits the first rows into the most consistent number (more than one) of columns, and
    /// whether the first line is Excel's "sep=;" hint that names it.
    /// </summary>
    public static (char Delimiter, bool HintLine) Delimiter(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && start.Length > 4 && Delimiters.Contains(start[4]))
        {
            return (start[4], true);
        }

        var best = (Delimiter: ',', Score: 0.0);
        foreach (var delimiter in Delimiters)
        {
            using var reader = new CsvRecordReader(text, delimiter);
            var counts = reader.Take(30).Select(r => r.Cells.Length).ToList();
            if (counts.Count == 0)
            {
                continue;
            }

            var mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            var score = mode.Key > 1 ? (1000.0 * mode.Count() / counts.Count) + mode.Key : 0;
            if (score > best.Score)
            {
                best = (delimiter, score);
            }
        }

        return (best.Delimiter, false);
    }

    /// <summary>True when the text reads as a date in any known format.</summary>
    public static bool LooksLikeDate(string value) =>
        !string.IsNullOrWhiteSpace(value) && DateFamilies.Any(f => StatementDate.TryParse(value, f.Formats, out _) == StatementDate.Outcome.Parsed);

    /// <summary>
    /// The date formats every value fits. When both a day-first and a month-first family fit (no day above 12 was
    /// seen), the choice is a guess — day-first unless the statement looks American — and is flagged.
    /// </summary>
    public static (IReadOnlyList<string> Formats, bool Ambiguous, int Unreadable) DateFormats(IReadOnlyList<string> values, bool preferMonthFirst)
    {
        var samples = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        var fits = DateFamilies
            .Select(f => (Family: f, Parsed: samples.Count(v => StatementDate.TryParse(v, f.Formats, out _) == StatementDate.Outcome.Parsed)))
            .Where(f => f.Parsed > 0)
            .OrderByDescending(f => f.Parsed)
            .ToList();
        if (fits.Count == 0)
        {
            return (["yyyy-MM-dd"], false, samples.Count);
        }

        var all = fits.Where(f => f.Parsed == fits[0].Parsed).Select(f => f.Family).ToList();
        var ambiguous = all.Any(f => f.DayFirst) && all.Any(f => f.MonthFirst);
        var chosen = ambiguous ? all.First(f => preferMonthFirst ? f.MonthFirst : f.DayFirst) : all[0];
        return (chosen.Formats, ambiguous, samples.Count - fits[0].Parsed);
    }

    /// <summary>
    /// The decimal separator the amounts use: where a value has both '.' and ',', the later one; "12,50" votes comma,
    /// "12.50" point; "1,234" or "1.234" are left undecided. A tie goes to ',' for semicolon files, else '.'.
    /// </summary>
    public static (char Decimal, string Thousands) DecimalSeparator(IEnumerable<string> values, char delimiter)
    {
        int comma = 0, point = 0;
        foreach (var value in values)
        {
            int lastComma = value.LastIndexOf(','), lastPoint = value.LastIndexOf('.');
            int DigitsAfter(int at) => value.Skip(at + 1).TakeWhile(char.IsAsciiDigit).Count();
            if (lastComma >= 0 && lastPoint >= 0)
            {
                comma += lastComma > lastPoint ? 1 : 0;
                point += lastPoint > lastComma ? 1 : 0;
            }
            else if (lastComma >= 0)
            {
                var several = value.Count(c => c == ',') > 1;
                comma += !several && DigitsAfter(lastComma) != 3 ? 1 : 0;
                point += several ? 1 : 0;
            }
            else if (lastPoint >= 0)
            {
                var several = value.Count(c => c == '.') > 1;
                point += !several && DigitsAfter(lastPoint) != 3 ? 1 : 0;
                comma += several ? 1 : 0;
            }
        }

        var useComma = comma > point || (comma == point && delimiter == ';');
        return useComma ? (',', ". \u00A0\u202F") : ('.', ",");
    }

    /// <summary>The currency named by the first currency cell that is a known code, or the first unambiguous symbol in an amount.</summary>
    public static Currency? Currency(IEnumerable<string> currencyCells, IEnumerable<string> amounts, Currency? hint)
    {
        foreach (var cell in currencyCells)
        {
            if (Payments.Currency.TryFrom(cell, out var named))
            {
                return named;
            }
        }

        foreach (var amount in amounts)
        {
            var symbol = amount.Contains('€', StringComparison.Ordinal) ? "EUR"
                : amount.Contains('£', StringComparison.Ordinal) ? "GBP"
                : amount.Contains('$', StringComparison.Ordinal) && hint is null ? "USD"
                : null;
            if (symbol is not null)
            {
                return Payments.Currency.From(symbol);
            }
        }

        return hint;
    }
}
