namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>What is missing or contradictory in a mapping, said before any row is read.</summary>
internal static class CsvMappingCheck
{
    public static IEnumerable<StatementProblem> Problems(CsvColumnMapping mapping)
    {
        if (mapping.Delimiter is not (',' or ';' or '\t' or '|'))
        {
            yield return Problem("Choose a comma, semicolon, tab or | as the delimiter.");
        }

        if (mapping.DateColumn is null)
        {
            yield return Problem("Choose the column that holds the date.");
        }

        if (mapping.DateFormats.Count == 0)
        {
            yield return Problem("Choose how the dates are written, for example dd/MM/yyyy.");
        }

        foreach (var format in mapping.DateFormats.Where(f => !StatementDate.IsSupported(f)))
        {
            yield return Problem($"The date format {StatementText.Quote(format)} is not one we can read; use pieces like dd, MM, MMM, yyyy and yy.");
        }

        var split = mapping.DebitColumn is not null || mapping.CreditColumn is not null;
        if (mapping.AmountColumn is not null && split)
        {
            yield return Problem("Choose either one amount column or the debit and credit columns, not both.");
        }
        else if (mapping.AmountColumn is null && (mapping.DebitColumn is null || mapping.CreditColumn is null))
        {
            yield return Problem(split ? "Choose both the debit and the credit column." : "Choose the amount column, or the debit and credit columns.");
        }

        if (mapping.DecimalSeparator is not ('.' or ','))
        {
            yield return Problem("Choose '.' or ',' as the decimal separator.");
        }

        if (mapping.ThousandsSeparators.Contains(mapping.DecimalSeparator, StringComparison.Ordinal)
            || mapping.ThousandsSeparators.Any(c => char.IsAsciiDigit(c) || c is '-' or '+' or '(' or ')'))
        {
            yield return Problem("The thousands separators cannot include the decimal separator, digits or signs.");
        }

        if (mapping.DefaultCurrency is null && mapping.CurrencyColumn is null)
        {
            yield return Problem("Choose the statement's currency.");
        }

        if (mapping.SkipRows < 0)
        {
            yield return Problem("The number of rows to skip cannot be negative.");
        }

        var columns = mapping.Columns().ToList();
        foreach (var (role, column) in columns.Where(c => c.Column < 0))
        {
            yield return Problem($"The {role} column is not a column of the file.");
        }

        foreach (var twice in columns.GroupBy(c => c.Column).Where(g => g.Count() > 1))
        {
            yield return Problem($"Column {twice.Key + 1} is chosen for the {string.Join(" and the ", twice.Select(c => c.Role))}.");
        }
    }

    /// <summary>Columns the mapping names that the header row does not have.</summary>
    public static IEnumerable<StatementProblem> BeyondHeader(CsvColumnMapping mapping, int headerLine, int columnCount) =>
        mapping.Columns().Where(c => c.Column >= columnCount).Select(c => StatementProblem.AtLine(
            headerLine, null, $"the header has {columnCount} columns, but the {c.Role} is mapped to column {c.Column + 1}; is the delimiter right?"));

    private static StatementProblem Problem(string message) => StatementProblem.ForFile(message);
}
