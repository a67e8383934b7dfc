namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>Collects problems up to a cap and counts the rest, so a file with 90,000 bad rows costs no more than one with 50.</summary>
internal sealed class ProblemList(int max)
{
    private readonly List<StatementProblem> listed = [];

    public IReadOnlyList<StatementProblem> Listed => listed;

    public int NotListed { get; private set; }

    public bool Any => listed.Count > 0;

    public void Add(StatementProblem problem)
    {
        if (listed.Count < Math.Max(1, max))
        {
            listed.Add(problem);
        }
        else
        {
            NotListed++;
        }
    }
}
