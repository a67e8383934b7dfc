namespace PaymentsPortal.Core.Common;

/// <summary>
/// One CSV cell, quoted when needed and defused when a spreadsheet would run it as a formula
/// (OWASP CSV injection: a leading =, +, -, @, tab or carriage return gets a leading apostrophe).
/// </summary>
public static class CsvCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    public static string Format(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
