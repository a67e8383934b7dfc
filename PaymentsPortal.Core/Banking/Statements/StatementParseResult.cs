using System.Diagnostics.CodeAnalysis;

namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>
/// Either every line of a statement or the problems that stopped it: never both. A file with one bad row gives no lines
/// at all, so a caller cannot import half a statement and leave the rest to be forgotten.
/// </summary>
public sealed class StatementParseResult
{
    private StatementParseResult(IReadOnlyList<StatementLine> lines, StatementMetadata? metadata, IReadOnlyList<StatementProblem> problems, int moreProblems)
    {
        Lines = lines;
        Metadata = metadata;
        Problems = problems;
        MoreProblems = moreProblems;
    }

    /// <summary>The transactions in file order; empty when there are problems.</summary>
    public IReadOnlyList<StatementLine> Lines { get; }

    /// <summary>What the statement says about itself; null when there are problems.</summary>
    public StatementMetadata? Metadata { get; }

    /// <summary>The first problems found (at most <see cref="StatementImportOptions.MaxProblems"/>).</summary>
    public IReadOnlyList<StatementProblem> Problems { get; }

    /// <summary>How many further problems were found but not listed.</summary>
    public int MoreProblems { get; }

    [MemberNotNullWhen(true, nameof(Metadata))]
    public bool Succeeded => Problems.Count == 0;

    internal static StatementParseResult Success(IReadOnlyList<StatementLine> lines, StatementMetadata metadata) =>
        new(lines, metadata, [], 0);

    internal static StatementParseResult Failure(IReadOnlyList<StatementProblem> problems, int moreProblems = 0) =>
        problems.Count == 0
            ? throw new ArgumentException("A failed parse needs at least one problem.", nameof(problems))
            : new([], null, problems, moreProblems);

    internal static StatementParseResult Failure(ProblemList problems) => Failure(problems.Listed, problems.NotListed);

    internal static StatementParseResult Failure(StatementProblem problem) => Failure([problem]);
}
