using System.Text;
using PaymentsPortal.Benchmarks.Payments;
using static PaymentsPortal.Benchmarks.Payments.ReportFormat;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>
/// The measured queries as one Markdown table, ready to paste into the README: p50, p95 and p99 of each, its p95 against the
/// primary-key baseline measured in the same run, and its target with PASS or BELOW. Nothing is asserted.
/// </summary>
internal static class WorkspaceBenchmarkReport
{
    public static readonly TimeSpan ListTarget = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan KpiTarget = TimeSpan.FromMilliseconds(100);

    public const string Note =
        "p50/p95/p99: nearest-rank percentiles of the samples, each one call as the app makes it (a new DI scope and context, a pooled " +
        "connection). \"vs baseline\" is the query's p95 over the primary-key lookup's p95. A filtered deep page starts from the same " +
        "cursor as the unfiltered one and reads on until it has a page of matches, or to the end of the merchant's payments.";

    /// <param name="results">The latencies of <paramref name="probes"/>, in the same order; the first probe is the baseline.</param>
    public static string Format(string heading, IReadOnlyList<QueryProbe> probes, IReadOnlyList<QueryLatency> results, IReadOnlyList<long> returned)
    {
        var table = new MarkdownTable("query", "samples", "p50", "p95", "p99", "returned", "p95 vs baseline", "target", "result")
        {
            TextColumns = [0, 5, 7],
        };
        var baseline = results[0].P95;
        for (var i = 0; i < probes.Count; i++)
        {
            var (probe, latency) = (probes[i], results[i]);
            var target = probe.Target switch
            {
                ProbeTarget.ListPage => ListTarget,
                ProbeTarget.KpiPanel => KpiTarget,
                _ => (TimeSpan?)null,
            };
            table.Add(
                probe.Name, Count(latency.Samples), Ms(latency.P50), Ms(latency.P95), Ms(latency.P99),
                Counted(returned[i], probe.Unit),
                i == 0 ? "1×" : Number(latency.P95 / baseline, "0.#") + "×",
                target is { } t ? "p95 ≤ " + Number(t.TotalMilliseconds, "0") + " ms" : None,
                target is { } limit ? Verdict(latency.P95 <= limit) : "");
        }

        return new StringBuilder().AppendLine(heading).AppendLine().Append(table).AppendLine().AppendLine(Note).ToString();
    }
}
