using System.Globalization;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Statements;

namespace PaymentsPortal.Core.Banking.Imports;

/// <summary>
/// The audit entries of statement imports. They say which file (name, size, digest) and what it did, never what it contained: a
/// refusal keeps only the first problem sentences, which quote at most a short cell and go through the redactor like every entry.
/// </summary>
internal static class StatementImportAudit
{
    /// <summary>How many problem sentences a refusal's entry keeps: enough to see why, not a copy of a broken file.</summary>
    private const int ProblemsKept = 5;

    public static AuditRecord Imported(Guid merchantId, ActingUser by, StatementImport import, string accountName, string encodingName, long byteCount) =>
        new(merchantId, AuditAction.StatementImported, AuditOutcome.Success, by.Actor, "statement_import", import.Id.ToString(),
            $"Imported {import.FileName} into {accountName}: {Count(import.AddedCount)} added, {Count(import.DuplicateCount)} already held",
            new
            {
                accountId = import.AccountId,
                fileName = import.FileName,
                format = import.Format,
                sha256 = Digest(import.Sha256),
                bytes = byteCount,
                encoding = encodingName,
                lines = import.LineCount,
                added = import.AddedCount,
                duplicates = import.DuplicateCount,
                firstDate = import.FirstDate,
                lastDate = import.LastDate,
            },
            by.Origin);

    public static AuditRecord Rejected(
        Guid merchantId, ActingUser by, Guid accountId, string accountName, string fileName, string? format, string? sha256, long? byteCount,
        IReadOnlyList<StatementProblem> problems, int moreProblems) =>
        new(merchantId, AuditAction.StatementRejected, AuditOutcome.Failure, by.Actor, "bank_account", accountId.ToString(),
            $"Refused the statement {fileName} for {accountName}: {(problems.Count > 0 ? problems[0].Message : "unreadable")}",
            new
            {
                accountId,
                fileName,
                format,
                sha256 = sha256 is null ? null : Digest(sha256),
                bytes = byteCount,
                problems = problems.Take(ProblemsKept).Select(p => p.Message).ToList(),
                moreProblems = Math.Max(0, problems.Count - ProblemsKept) + moreProblems,
            },
            by.Origin);

    /// <summary>
    /// The hex digest in groups of eight joined by ':'. The audit redactor masks any run of 13 to 19 digits that passes the Luhn
    /// check, and about one hex digest in 230 holds such a run; the groups keep every digest whole.
    /// </summary>
    internal static string Digest(string hex) => string.Join(':', hex.Chunk(8).Select(c => new string(c)));

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
