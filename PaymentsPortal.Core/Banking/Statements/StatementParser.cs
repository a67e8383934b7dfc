using PaymentsPortal.Core.Banking.Statements.Csv;
using PaymentsPortal.Core.Banking.Statements.Ofx;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Turns a loaded statement file into lines, all or nothing. Pure: no database, no clock, no network; the same file
/// and mapping always give the same result, fingerprints included.
/// </summary>
public static class StatementParser
{
    /// <summary>
    /// Parses <paramref name="file"/>. A CSV needs <paramref name="csvMapping"/> (from <see cref="CsvStatementPreview"/>,
    /// checked by a person); OFX and QFX describe themselves and ignore it.
    /// </summary>
    public static StatementParseResult Parse(StatementFile file, CsvColumnMapping? csvMapping = null, StatementImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= StatementImportOptions.Default;
        return file.Format switch
        {
            StatementFormat.Csv => csvMapping is null
                ? StatementParseResult.Failure(StatementProblem.ForFile("This is a CSV file: choose which column holds what before importing it."))
                : new CsvStatementParser(file, csvMapping, options).Parse(),
            StatementFormat.OfxSgml or StatementFormat.OfxXml => OfxStatementParser.Parse(file, options),
        };
    }
}
