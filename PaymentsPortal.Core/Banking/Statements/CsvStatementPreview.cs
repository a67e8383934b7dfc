using System.Globalization;
using PaymentsPortal.Core.Banking.Statements.Csv;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// The first rows of a CSV and a proposed <see cref="CsvColumnMapping"/>, for a person to check before the import:
/// the delimiter, the header row (after any account details the bank puts on top), each column's role from its name,
/// and the date and number formats from the values. <see cref="Notes"/> says which guesses deserve a second look.
/// </summary>
public sealed record CsvStatementPreview
{
    /// <summary>How many data rows the date and number guesses look at.</summary>
    private const int GuessRows = 1000;

    /// <summary>How many rows from the top a header is looked for in.</summary>
    private const int HeaderSearchRows = 20;

    /// <summary>The header's cells, or "Column 1", "Column 2", … for a file without one.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>The first data rows (<see cref="StatementImportOptions.PreviewRows"/>).</summary>
    public IReadOnlyList<CsvPreviewRow> Rows { get; init; } = [];

    /// <summary>The proposal; null when the file cannot be previewed (see <see cref="Problems"/>).</summary>
    public CsvColumnMapping? Mapping { get; init; }

    /// <summary>True when every date seen reads both day-first and month-first, so the chosen order is a guess.</summary>
    public bool DateOrderIsAGuess { get; init; }

    /// <summary>Plain-English remarks on the guesses worth checking.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<StatementProblem> Problems { get; init; } = [];

    public bool Succeeded => Problems.Count == 0 && Mapping is not null;

    /// <summary>
    /// Reads the top of <paramref name="file"/> and proposes a mapping. <paramref name="accountCurrency"/>, the bank
    /// account's currency when the caller knows it, is the default currency and settles day/month order for dollars.
    /// </summary>
    public static CsvStatementPreview Create(StatementFile file, StatementImportOptions? options = null, Currency? accountCurrency = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= StatementImportOptions.Default;
        if (file.Format != StatementFormat.Csv)
        {
            return Failed(StatementProblem.ForFile("This is an OFX file; it describes its own columns and needs no mapping."));
        }

        if (CsvRecordReader.LongLine(file.Text, options.MaxLineLength) is { } longLine)
        {
            return Failed(longLine);
        }

        var (delimiter, hintLine) = CsvValueGuess.Delimiter(file.Text);
        List<CsvRecord> records;
        using (var reader = new CsvRecordReader(file.Text, delimiter))
        {
            records = reader.Take(HeaderSearchRows + GuessRows);
        }

        var first = hintLine ? 1 : 0;
        if (records.Count <= first)
        {
            return Failed(StatementProblem.ForFile("The file is empty."));
        }

        var headerAt = records.Skip(first).Take(HeaderSearchRows).ToList().FindIndex(r => CsvHeaderGuess.IsHeader(r.Cells));
        var hasHeader = headerAt >= 0;
        var skip = hasHeader ? first + headerAt : first + Math.Max(0, records.Skip(first).ToList().FindIndex(r => r.Cells.Any(CsvValueGuess.LooksLikeDate)));
        var data = records.Skip(skip + (hasHeader ? 1 : 0)).ToList();
        var width = Math.Max(hasHeader ? records[skip].Cells.Length : 0, data.Count == 0 ? 0 : data.Max(r => r.Cells.Length));
        var headers = Enumerable.Range(0, width)
            .Select(i => hasHeader && i < records[skip].Cells.Length && records[skip].Cells[i].Trim().Length > 0
                ? records[skip].Cells[i].Trim()
                : "Column " + (i + 1).ToString(CultureInfo.InvariantCulture))
            .ToList();
        var roles = hasHeader ? CsvHeaderGuess.Roles(records[skip].Cells) : CsvDataGuess.Roles(data, width);
        return Propose(data, headers, roles, delimiter, skip, hasHeader, options, accountCurrency);
    }

    private static CsvStatementPreview Propose(
        List<CsvRecord> data, List<string> headers, CsvRoles roles, char delimiter, int skip, bool hasHeader, StatementImportOptions options, Currency? accountCurrency)
    {
        IEnumerable<string> Column(int? column) =>
            column is { } index ? data.Select(r => index < r.Cells.Length ? r.Cells[index].Trim() : "").Where(v => v.Length > 0) : [];

        var notes = new List<string>();
        var amounts = Column(roles.Amount).Concat(Column(roles.Debit)).Concat(Column(roles.Credit)).Concat(Column(roles.Balance)).ToList();
        var (decimalSeparator, thousands) = CsvValueGuess.DecimalSeparator(amounts, delimiter);
        var currency = CsvValueGuess.Currency(Column(roles.Currency), amounts, accountCurrency);
        var monthFirst = currency?.Code == "USD" && decimalSeparator == '.';
        var (formats, ambiguous, unreadable) = CsvValueGuess.DateFormats(Column(roles.Date).ToList(), monthFirst);
        if (roles.Date is null)
        {
            notes.Add("No column looks like the date: choose it.");
        }
        else if (ambiguous)
        {
            notes.Add($"Every date seen reads both day-first and month-first; they were read as {formats[0]}. Check the dates below.");
        }
        else if (unreadable > 0)
        {
            notes.Add($"{unreadable.ToString(CultureInfo.InvariantCulture)} of the first dates are not in any format we know: choose the date format.");
        }

        if (roles.Amount is null && roles.Debit is null)
        {
            notes.Add("No column looks like the amount: choose it, or the debit and credit columns.");
        }
        else if (Column(roles.Amount).ToList() is { Count: > 0 } signed && !signed.Any(a => a.Contains('-', StringComparison.Ordinal) || a.Contains('(', StringComparison.Ordinal)))
        {
            notes.Add("Every amount seen is positive: check whether positive means money in or money out (credit card exports often show spending as positive).");
        }

        if (currency is null)
        {
            notes.Add("The file does not say its currency: choose it.");
        }

        var mapping = new CsvColumnMapping
        {
            Delimiter = delimiter,
            SkipRows = skip,
            HasHeaderRow = hasHeader,
            DateColumn = roles.Date,
            DateFormats = formats,
            AmountColumn = roles.Amount,
            DebitColumn = roles.Debit,
            CreditColumn = roles.Credit,
            DecimalSeparator = decimalSeparator,
            ThousandsSeparators = thousands,
            DescriptionColumns = roles.Description,
            ReferenceColumn = roles.Reference,
            BalanceColumn = roles.Balance,
            CurrencyColumn = roles.Currency,
            DefaultCurrency = currency,
        };
        return new CsvStatementPreview
        {
            Headers = headers,
            Rows = data.Take(Math.Max(0, options.PreviewRows)).Select(r => new CsvPreviewRow(r.Line, r.Cells)).ToList(),
            Mapping = mapping,
            DateOrderIsAGuess = ambiguous,
            Notes = notes,
        };
    }

    private static CsvStatementPreview Failed(StatementProblem problem) => new() { Problems = [problem] };
}
