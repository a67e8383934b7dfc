using CsvHelper;

namespace PaymentsPortal.Core.Banking.Statements.Csv;

/// <summary>A non-blank CSV row: its first line, its cells, and what was wrong with its quoting, if anything.</summary>
internal sealed record CsvRecord(int Line, string[] Cells, CsvMalformedReason? Malformed);

/// <summary>
/// Rows of a CSV through CsvHelper, with physical line numbers (a quoted cell may span lines) and quoting faults
/// reported per row instead of thrown. Rows whose cells are all blank (",,,") are passed over like empty lines.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly Dictionary<long, CsvMalformedReason> malformed = [];
    private readonly CsvReader reader;

    public CsvRecordReader(string text, char delimiter)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = delimiter,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => malformed.TryAdd(m.RecordNumber, m.Reason),
        };
        reader = CsvReader.Create(new StringReader(text), options);
    }

    /// <summary>Set when CsvHelper gave up on the file; reading stops there.</summary>
    public StatementProblem? Failure { get; private set; }

    public bool TryRead(out CsvRecord record)
    {
        record = null!;
        try
        {
            while (reader.Read())
            {
                var cells = reader.Current.ToArray();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var reason = malformed.TryGetValue(reader.RowNumber, out var found) ? found : (CsvMalformedReason?)null;
                record = new CsvRecord((int)reader.LineNumber, cells, reason);
                return true;
            }
        }
        catch (CsvFormatException error)
        {
            Failure = error.LineNumber > 0
                ? StatementProblem.AtLine((int)error.LineNumber, null, "the CSV cannot be read from here on")
                : StatementProblem.ForFile("The CSV cannot be read.");
        }

        return false;
    }

    /// <summary>The first <paramref name="count"/> rows (fewer at the end of the file).</summary>
    public List<CsvRecord> Take(int count)
    {
        var records = new List<CsvRecord>();
        while (records.Count < count && TryRead(out var record))
        {
            records.Add(record);
        }

        return records;
    }

    public void Dispose() => reader.Dispose();

    /// <summary>The first line longer than <paramref name="max"/> characters, as a problem; checked before parsing.</summary>
    public static StatementProblem? LongLine(string text, int max)
    {
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var length = (end < 0 ? text.Length : end) - start;
            if (length > max)
            {
                return StatementProblem.AtLine(line, null, $"the line is {StatementText.Count(length)} characters long; no statement row is longer than {StatementText.Count(max)}, so the file is broken or not a statement");
            }

            if (end < 0)
            {
                return null;
            }

            start = end + 1;
            line++;
        }

        return null;
    }
}
