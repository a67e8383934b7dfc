using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>One transaction read from a statement file.</summary>
/// <param name="Date">The day the bank posted it, as the file writes it (no time zone conversion).</param>
/// <param name="Amount">Signed: positive is money into the account, negative is money out, whatever the file's convention.</param>
/// <param name="Description">The bank's text for it, trimmed; several CSV columns are joined with a space.</param>
/// <param name="Reference">The bank's own id for it (FITID for OFX), when the file has one.</param>
/// <param name="Balance">The running balance after it, as the bank writes it, when the file has one.</param>
/// <param name="LineNumber">The 1-based line where it starts in the file.</param>
/// <param name="Fingerprint">Stable across re-imports and overlapping exports: the key for de-duplication (see README).</param>
public sealed record StatementLine(
    DateOnly Date,
    Money Amount,
    string Description,
    string? Reference,
    Money? Balance,
    int LineNumber,
    string Fingerprint);
