using System.Globalization;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Something in a statement file that stops it from being imported, said so that the person who downloaded it can act:
/// "Line 14: the amount 'abc' is not a number." <see cref="Message"/> is the whole sentence, line number included.
/// </summary>
/// <param name="Line">The 1-based line in the file, when the problem has one.</param>
/// <param name="Column">The CSV column header or OFX tag involved, when there is one.</param>
/// <param name="Message">The sentence to show.</param>
public sealed record StatementProblem(int? Line, string? Column, string Message)
{
    public override string ToString() => Message;

    internal static StatementProblem ForFile(string message) => new(null, null, message);

    internal static StatementProblem AtLine(int line, string? column, string detail) =>
        new(line, column, string.Create(CultureInfo.InvariantCulture, $"Line {line}: {detail}{(detail.EndsWith('.') || detail.EndsWith('?') ? "" : ".")}"));
}
