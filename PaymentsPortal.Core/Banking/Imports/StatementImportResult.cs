using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PaymentsPortal.Core.Banking.Statements;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// The outcome of one statement import: what it added, or why nothing was. Like <see cref="Common.CommandResult"/>, an expected
/// failure is a value; unlike it, a refused file carries its problems (with line numbers) for the person to fix.
/// </summary>
public sealed record StatementImportResult
{
    /// <summary>The headline of a refusal; null when the import was recorded.</summary>
    public string? Error { get; init; }

    /// <summary>What in the file stopped it, first ones only (see <see cref="MoreProblems"/>).</summary>
    public IReadOnlyList<StatementProblem> Problems { get; init; } = [];

    /// <summary>How many further problems were found but not listed.</summary>
    public int MoreProblems { get; init; }

    [MemberNotNullWhen(true, nameof(ImportId))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null && ImportId is not null;

    public Guid? ImportId { get; init; }

    public string FileName { get; init; } = "";

    /// <summary>csv, ofx or qfx.</summary>
    public string Format { get; init; } = "";

    /// <summary>Transactions in the file.</summary>
    public int LineCount { get; init; }

    /// <summary>Transactions stored by this import.</summary>
    public int AddedCount { get; init; }

    /// <summary>Transactions already held from an earlier or overlapping import, left alone.</summary>
    public int DuplicateCount { get; init; }

    public DateOnly? FirstDate { get; init; }

    public DateOnly? LastDate { get; init; }

    /// <summary>When exactly this file was first imported into the account, if it had been: then nothing was added.</summary>
    public DateTimeOffset? AlreadyImportedAt { get; init; }

    /// <summary>Payouts matched with the new deposits straight after the import.</summary>
    public int MatchedPayouts { get; init; }

    /// <summary>One sentence for the person who imported it.</summary>
    public string Summary => Error ?? (AlreadyImportedAt, LineCount, AddedCount) switch
    {
        ({ } earlier, _, _) => $"This file was already imported on {Time(earlier)}: nothing new.",
        (_, 0, _) => "The statement has no transactions: nothing was added.",
        (_, _, 0) => $"Nothing new: all {Count(LineCount)} transactions were already here.",
        _ => $"Added {Count(AddedCount)} of {Count(LineCount)} transactions{Range()}"
            + (DuplicateCount > 0 ? $"; {Count(DuplicateCount)} were already here." : ".")
            + (MatchedPayouts > 0 ? $" {Count(MatchedPayouts)} payout(s) matched with the new deposits." : ""),
    };

    internal static StatementImportResult Failed(string error, IReadOnlyList<StatementProblem>? problems = null, int moreProblems = 0) =>
        new() { Error = error, Problems = problems ?? [], MoreProblems = moreProblems };

    private string Range() => (FirstDate, LastDate) is ({ } first, { } last)
        ? $" ({first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
        : "";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
