using System.Diagnostics.CodeAnalysis;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// What an uploaded file would import, for a person to check first: for a CSV the first rows and a proposed column mapping to
/// correct; for OFX/QFX what the statement says about itself. Nothing is stored by a preview.
/// </summary>
public sealed record StatementImportPreview
{
    /// <summary>Why the file cannot be previewed at all (no permission, wrong account, unreadable file); null on success.</summary>
    public string? Error { get; init; }

    /// <summary>What in the file stopped the preview, with line numbers where there are some.</summary>
    public IReadOnlyList<StatementProblem> Problems { get; init; } = [];

    public int MoreProblems { get; init; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The name as it would be kept: the name part only, capped.</summary>
    public string FileName { get; init; } = "";

    /// <summary>csv, ofx or qfx; empty when the file could not be read.</summary>
    public string Format { get; init; } = "";

    /// <summary>The text encoding the file was read with (utf-8, windows-1252, utf-16…).</summary>
    public string EncodingName { get; init; } = "";

    public long ByteCount { get; init; }

    /// <summary>For a CSV: headers, first rows, the proposed mapping and notes on its guesses.</summary>
    public CsvStatementPreview? Csv { get; init; }

    /// <summary>For OFX/QFX: the parsed statement in brief.</summary>
    public OfxStatementSummary? Ofx { get; init; }

    /// <summary>Things that do not stop a preview but deserve a look: another currency, another account number.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>When exactly this file (same SHA-256) was first imported into the account, if it was: importing it again adds nothing.</summary>
    public DateTimeOffset? AlreadyImportedAt { get; init; }

    internal static StatementImportPreview Failed(string error, IReadOnlyList<StatementProblem>? problems = null, int moreProblems = 0, string fileName = "") =>
        new() { Error = error, Problems = problems ?? [], MoreProblems = moreProblems, FileName = fileName };
}

/// <summary>An OFX or QFX statement in brief: how many lines, which days, which account (last four only) and currency.</summary>
public sealed record OfxStatementSummary(
    int LineCount,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? AccountLast4,
    string? AccountType,
    Currency? Currency,
    Money? LedgerBalance,
    DateOnly? LedgerBalanceDate)
{
    /// <summary>"••6789", the only form of the statement's account number ever shown.</summary>
    public string? MaskedAccount => AccountLast4 is null ? null : "••" + AccountLast4;
}
