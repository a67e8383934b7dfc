using System.Diagnostics;
using System.Globalization;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>
/// Times every query in rounds, one run of each per round, rather than all samples of one query and then the next: a burst of
/// someone else's work on this shared machine then lands on every query alike instead of spoiling one row. Each round starts at
/// the next query, so no query always runs right after the same other one (an OFFSET scan, say, that just filled the cache).
/// A query leaves the rounds once it has its samples or has used its time budget.
/// </summary>
internal static class ProbeSampler
{
    public static async Task<IReadOnlyList<QueryLatency>> SampleAsync(
        IReadOnlyList<QueryProbe> probes, WorkspaceBenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        // Untimed rounds first: the JIT compiles the query paths, Npgsql prepares the statements the app repeats, PostgreSQL
        // switches to its generic plans and reads the pages each query touches into its cache, as on a server that has been up.
        for (var round = 0; round < options.WarmupRounds; round++)
        {
            foreach (var probe in probes)
            {
                await probe.RunAsync(cancellationToken);
            }
        }

        var samples = probes.Select(_ => new List<long>(options.Samples)).ToArray();
        var spent = new long[probes.Count];
        var budget = (long)(options.QueryBudget.TotalSeconds * Stopwatch.Frequency);
        var reported = Stopwatch.StartNew();
        for (var round = 0; ; round++)
        {
            var ran = false;
            for (var k = 0; k < probes.Count; k++)
            {
                var index = (round + k) % probes.Count;
                if (samples[index].Count >= options.Samples || spent[index] >= budget)
                {
                    continue;
                }

                var started = Stopwatch.GetTimestamp();
                await probes[index].RunAsync(cancellationToken);
                var took = Stopwatch.GetTimestamp() - started;
                samples[index].Add(took);
                spent[index] += took;
                ran = true;
            }

            if (!ran)
            {
                break;
            }

            if (reported.Elapsed >= TimeSpan.FromSeconds(15))
            {
                var left = samples.Where((s, i) => s.Count < options.Samples && spent[i] < budget).Count();
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: {left} queries still sampling"));
                reported.Restart();
            }
        }

        return [.. samples.Select(QueryLatency.Of)];
    }
}
