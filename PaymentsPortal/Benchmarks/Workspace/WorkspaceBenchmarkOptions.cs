using System.Globalization;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>The knobs of <c>benchmark workspace</c>; the defaults give a full run in about five minutes on two cores.</summary>
/// <param name="Payments">Synthetic payments generated before measuring; half belong to the merchant measured.</param>
/// <param name="Samples">Timed runs of each query, at most.</param>
/// <param name="PageSize">Rows per list page: the payments list's default.</param>
/// <param name="QueryBudget">
/// Time after which a query stops being sampled even short of <paramref name="Samples"/>, so that a query taking half a second
/// reports its percentiles from fewer samples instead of taking the run past its few minutes.
/// </param>
internal sealed record WorkspaceBenchmarkOptions(long Payments, int Merchants, int Samples, int PageSize, TimeSpan QueryBudget, int WarmupRounds)
{
    public const string Usage =
        "Usage: benchmark workspace [--payments 1000000] [--merchants 10] [--samples 200] [--page-size 25] [--query-seconds 8] [--warmup-rounds 3]";

    public static WorkspaceBenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        var options = new WorkspaceBenchmarkOptions(1_000_000, 10, 200, 25, TimeSpan.FromSeconds(8), 3);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                errors.WriteLine($"Option {args[i]} needs a whole number.");
                return null;
            }

            WorkspaceBenchmarkOptions? next = args[i] switch
            {
                "--payments" when value >= 1 => options with { Payments = value },
                "--merchants" when value is >= 1 and <= 1000 => options with { Merchants = (int)value },
                "--samples" when value is >= 1 and <= 100_000 => options with { Samples = (int)value },
                "--page-size" when value is >= 1 and <= 200 => options with { PageSize = (int)value },
                "--query-seconds" when value is >= 1 and <= 3600 => options with { QueryBudget = TimeSpan.FromSeconds(value) },
                "--warmup-rounds" when value is >= 0 and <= 100 => options with { WarmupRounds = (int)value },
                _ => null,
            };
            if (next is null)
            {
                errors.WriteLine($"Unknown option or value out of range: {args[i]} {args[i + 1]}");
                return null;
            }

            options = next;
        }

        return options;
    }
}
