namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>One row of a CSV as the file has it, for showing next to the proposed mapping.</summary>
/// <param name="Line">The 1-based line where the row starts.</param>
/// <param name="Cells">The raw cell values.</param>
public sealed record CsvPreviewRow(int Line, IReadOnlyList<string> Cells);
