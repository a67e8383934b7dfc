using System.Globalization;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Reads dates in a small, explicit set of patterns (yyyy, yy, MM, M, dd, d, MMM and the separators - / . and space)
/// without culture guesses. It tells "not in this format" from "in this format but no such day" (31/02/2026), and
/// ignores a time after the date ("2026-01-05 13:45:00", "2026-01-05T13:45").
/// </summary>
internal static class StatementDate
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    public enum Outcome
    {
        Parsed,
        WrongShape,
        NoSuchDay,
    }

    /// <summary>True when <paramref name="format"/> uses only the supported pieces and has a year, month and day.</summary>
    public static bool IsSupported(string format) =>
        Tokens(format) is { } tokens
        && tokens.Any(t => t is "yyyy" or "yy") && tokens.Any(t => t is "MM" or "M" or "MMM") && tokens.Any(t => t is "dd" or "d");

    /// <summary>Parses with the first of <paramref name="formats"/> that fits; NoSuchDay when one fitted but the day does not exist.</summary>
    public static Outcome TryParse(string text, IReadOnlyList<string> formats, out DateOnly date)
    {
        date = default;
        var outcome = Outcome.WrongShape;
        foreach (var format in formats)
        {
            var one = TryParse(text, format, out date);
            if (one == Outcome.Parsed)
            {
                return one;
            }

            outcome = one == Outcome.NoSuchDay ? one : outcome;
        }

        return outcome;
    }

    public static Outcome TryParse(string text, string format, out DateOnly date)
    {
        date = default;
        var tokens = Tokens(format);
        if (tokens is null)
        {
            return Outcome.WrongShape;
        }

        var value = text.Trim();
        int year = -1, month = -1, day = -1, at = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var fixedWidth = i + 1 < tokens.Count && IsNumeric(tokens[i + 1]);
            var read = token switch
            {
                "yyyy" => Number(value, ref at, 4, 4, out year),
                "yy" => TwoDigitYear(value, ref at, out year),
                "MM" or "M" => Number(value, ref at, fixedWidth ? 2 : 1, 2, out month),
                "dd" or "d" => Number(value, ref at, fixedWidth ? 2 : 1, 2, out day),
                "MMM" => MonthName(value, ref at, out month),
                _ => Literal(value, ref at, token),
            };
            if (!read)
            {
                return Outcome.WrongShape;
            }
        }

        if (at < value.Length && !IsTime(value.AsSpan(at)))
        {
            return Outcome.WrongShape;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Outcome.NoSuchDay;
        }

        date = new DateOnly(year, month, day);
        return Outcome.Parsed;
    }

    private static bool IsNumeric(string token) => token[0] is 'y' or 'd' || token is "MM" or "M";

    /// <summary>The format split into pieces ("dd", ".", "MM", ".", "yyyy"), or null when it has anything unsupported.</summary>
    private static List<string>? Tokens(string format)
    {
        var tokens = new List<string>();
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            var token = format.Substring(i, run);
            if (token is not ("yyyy" or "yy" or "MMM" or "MM" or "M" or "dd" or "d") && c is not ('-' or '/' or '.' or ' ' or ','))
            {
                return null;
            }

            tokens.Add(token);
            i += run;
        }

        return tokens.Count == 0 ? null : tokens;
    }

    private static bool Number(string value, ref int at, int min, int max, out int number)
    {
        number = 0;
        var digits = 0;
        while (digits < max && at + digits < value.Length && char.IsAsciiDigit(value[at + digits]))
        {
            number = (number * 10) + (value[at + digits] - '0');
            digits++;
        }

        at += digits;
        return digits >= min;
    }

    /// <summary>00–49 is 2000–2049 and 50–99 is 1950–1999, as .NET's invariant calendar reads them.</summary>
    private static bool TwoDigitYear(string value, ref int at, out int year)
    {
        var read = Number(value, ref at, 2, 2, out year);
        year += year <= 49 ? 2000 : 1900;
        return read;
    }

    private static bool MonthName(string value, ref int at, out int month)
    {
        month = 0;
        if (at + 3 > value.Length)
        {
            return false;
        }

        var index = Array.IndexOf(MonthNames, value.Substring(at, 3).ToUpperInvariant());
        if (index < 0)
        {
            return false;
        }

        month = index + 1;
        at += 3;
        return true;
    }

    private static bool Literal(string value, ref int at, string literal)
    {
        if (string.CompareOrdinal(value, at, literal, 0, literal.Length) != 0)
        {
            return false;
        }

        at += literal.Length;
        return true;
    }

    /// <summary>" 13:45", " 13:45:00", "T13:45:00.000Z", " 1:45 PM", " 13:45:00+01:00": a time of day that the date ignores.</summary>
    private static bool IsTime(ReadOnlySpan<char> rest)
    {
        if (rest.Length < 5 || rest[0] is not (' ' or 'T'))
        {
            return false;
        }

        rest = rest[1..].TrimStart();
        var colon = rest.IndexOf(':');
        if (colon is < 1 or > 2)
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (!char.IsAsciiDigit(c) && c is not (':' or '.' or ' ' or '+' or '-' or 'Z' or 'A' or 'P' or 'M' or 'a' or 'p' or 'm'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The formats for people: "dd/MM/yyyy or dd/MM/yy".</summary>
    public static string Describe(IReadOnlyList<string> formats) => string.Join(" or ", formats);

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
