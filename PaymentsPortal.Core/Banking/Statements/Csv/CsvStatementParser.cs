using CsvHelper;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>Reads every row of a CSV with a mapping into statement lines, or lists every row that cannot be read.</summary>
internal sealed class CsvStatementParser(StatementFile file, CsvColumnMapping mapping, StatementImportOptions options)
{
    private readonly ProblemList problems = new(options.MaxProblems);
    private string[] headers = [];

    private sealed record Row(DateOnly Date, Money Amount, string Description, string? Reference, Money? Balance, int Line);

    public StatementParseResult Parse()
    {
        foreach (var problem in CsvMappingCheck.Problems(mapping))
        {
            problems.Add(problem);
        }

        if (!problems.Any && CsvRecordReader.LongLine(file.Text, options.MaxLineLength) is { } longLine)
        {
            problems.Add(longLine);
        }

        if (problems.Any)
        {
            return StatementParseResult.Failure(problems);
        }

        using var reader = new CsvRecordReader(file.Text, mapping.Delimiter);
        var rows = ReadRows(reader);
        if (reader.Failure is { } failure)
        {
            problems.Add(failure);
        }

        if (rows.Count == 0 && !problems.Any)
        {
            problems.Add(StatementProblem.ForFile(mapping.HasHeaderRow && headers.Length > 0
                ? "The file has a header row but no transactions."
                : "The file has no transactions."));
        }

        if (problems.Any)
        {
            return StatementParseResult.Failure(problems);
        }

        var fingerprints = StatementFingerprint.ForCsv(rows.Select(r => (r.Date, r.Amount, r.Description, r.Reference)).ToList());
        var lines = rows.Select((r, i) => new StatementLine(r.Date, r.Amount, r.Description, r.Reference, r.Balance, r.Line, fingerprints[i])).ToList();
        var currencies = lines.Select(l => l.Amount.Currency).Distinct().ToList();
        return StatementParseResult.Success(lines, new StatementMetadata
        {
            Format = StatementFormat.Csv,
            EncodingName = file.EncodingName,
            Currency = currencies.Count == 1 ? currencies[0] : null,
            StartDate = lines.Min(l => l.Date),
            EndDate = lines.Max(l => l.Date),
        });
    }

    private List<Row> ReadRows(CsvRecordReader reader)
    {
        var rows = new List<Row>();
        reader.Take(mapping.SkipRows);
        if (mapping.HasHeaderRow)
        {
            if (!reader.TryRead(out var header))
            {
                return rows;
            }

            headers = header.Cells;
            foreach (var problem in CsvMappingCheck.BeyondHeader(mapping, header.Line, headers.Length))
            {
                problems.Add(problem);
            }

            if (problems.Any)
            {
                return rows;
            }
        }

        var needed = mapping.Columns().Max(c => c.Column) + 1;
        var count = 0;
        while (reader.TryRead(out var record))
        {
            if (++count > options.MaxRows)
            {
                problems.Add(StatementProblem.ForFile(
                    $"The file has more than {StatementText.Count(options.MaxRows)} rows, the most one import takes. Export a shorter date range."));
                break;
            }

            // An unclosed quote explains everything after it; otherwise too few columns usually means the wrong
            // delimiter, which also makes quotes land mid-value, so that is said first.
            if (record.Malformed is CsvMalformedReason.UnterminatedQuote)
            {
                problems.Add(StatementProblem.AtLine(record.Line, null, Quoting(CsvMalformedReason.UnterminatedQuote)));
            }
            else if (record.Cells.Length < needed)
            {
                problems.Add(StatementProblem.AtLine(record.Line, null, $"the row has {record.Cells.Length} column{(record.Cells.Length == 1 ? "" : "s")} but the mapping reads column {needed}; is the delimiter {Name(mapping.Delimiter)} right?"));
            }
            else if (record.Malformed is { } reason && reason != CsvMalformedReason.FieldCountMismatch)
            {
                problems.Add(StatementProblem.AtLine(record.Line, null, Quoting(reason)));
            }
            else if (new CsvRowReader(record, mapping, headers, problems).Read() is { } row)
            {
                rows.Add(new Row(row.Date, row.Amount, row.Description, row.Reference, row.Balance, record.Line));
            }
        }

        return rows;
    }

    private static string Quoting(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted value starts in this row and is never closed, so the rest of the file would be read as one value",
        CsvMalformedReason.StrayQuote => "a quote mark (\") stands inside a value that is not quoted; the row is broken",
        CsvMalformedReason.TextAfterClosingQuote => "there is text after the closing quote of a value; the row is broken",
        _ => "the row's quoting is broken",
    };

    private static string Name(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => "'" + delimiter + "'",
    };
}
