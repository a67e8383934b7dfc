using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// What a statement says about itself. The account number is kept as its last four digits only: the full number is
/// read, used to check the file and forgotten, so it can never be stored or shown by mistake.
/// </summary>
public sealed record StatementMetadata
{
    public required StatementFormat Format { get; init; }

    /// <summary>The text encoding the file was read with (web name: utf-8, utf-16, windows-1252, …).</summary>
    public required string EncodingName { get; init; }

    /// <summary>The last four characters of the account id (OFX only).</summary>
    public string? AccountLast4 { get; init; }

    /// <summary>CHECKING, SAVINGS, CREDITLINE, MONEYMRKT or CREDITCARD (OFX only).</summary>
    public string? AccountType { get; init; }

    /// <summary>The statement's currency: OFX CURDEF, or the one currency of every CSV line (null when they differ).</summary>
    public Currency? Currency { get; init; }

    /// <summary>The first day covered: OFX DTSTART, or the earliest line for CSV.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>The last day covered: OFX DTEND, or the latest line for CSV.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>The closing balance the bank reports (OFX LEDGERBAL).</summary>
    public Money? LedgerBalance { get; init; }

    /// <summary>The day <see cref="LedgerBalance"/> is as of.</summary>
    public DateOnly? LedgerBalanceDate { get; init; }

    /// <summary>True for a QFX file (OFX with Intuit's INTU.* extensions).</summary>
    public bool HasIntuitExtensions { get; init; }
}
