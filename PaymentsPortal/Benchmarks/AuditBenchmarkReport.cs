using System.Globalization;
using System.Text;

namespace PaymentsPortal.Benchmarks;

/// <summary>The results as a Markdown table, with each target and whether it was met, ready to paste into the README.</summary>
internal sealed class AuditBenchmarkReport(string heading)
{
    public const string CpuNote =
        "cores: CPU used during the phase by the benchmark process, by its PostgreSQL, and by everything else on the machine " +
        "(a busy machine makes every number lower).";

    public const double AppendRatioTarget = 0.5;
    public const double VerifyTarget = 1_000_000;

    private readonly List<string[]> rows = [];

    public void AddBaseline(string phase, LoadResult result) =>
        rows.Add([phase, Rate(result.PerSecond, "rows/s"), Ms(result.P50), Ms(result.P99), "100%", "", Cpu(result.Cpu), "—", ""]);

    /// <summary>Judged against the plain baseline, as the target says; the prepared one is shown beside it.</summary>
    public void AddAppends(string phase, LoadResult result, LoadResult baseline, LoadResult prepared)
    {
        var ratio = result.PerSecond / baseline.PerSecond;
        rows.Add([phase, Rate(result.PerSecond, "appends/s"), Ms(result.P50), Ms(result.P99), Percent(ratio),
            Percent(result.PerSecond / prepared.PerSecond), Cpu(result.Cpu), "≥ 50% of baseline", Verdict(ratio >= AppendRatioTarget)]);
    }

    public void AddReference(string phase, LoadResult result, LoadResult baseline) =>
        rows.Add([phase, Rate(result.PerSecond, "rows/s"), Ms(result.P50), Ms(result.P99), Percent(result.PerSecond / baseline.PerSecond), "100%",
            Cpu(result.Cpu), "—", ""]);

    /// <summary>The database alone delivering the rows: a ceiling no verifier on this machine can pass.</summary>
    public void AddReadCeiling(string phase, long entries, TimeSpan elapsed, CpuUsage? cpu) =>
        rows.Add([$"{phase} ({Seconds(elapsed)})", Rate(entries / elapsed.TotalSeconds, "rows/s"), "—", "—", "100%", "", Cpu(cpu), "—", ""]);

    public void AddVerification(string phase, long entries, TimeSpan elapsed, CpuUsage? cpu, TimeSpan ceiling)
    {
        var perSecond = entries / elapsed.TotalSeconds;
        rows.Add([$"{phase} ({Seconds(elapsed)} per walk)", Rate(perSecond, "entries/s"), "—", "—", Percent(ceiling / elapsed), "", Cpu(cpu),
            "≥ 1,000,000 entries/s", Verdict(perSecond >= VerifyTarget)]);
    }

    public override string ToString()
    {
        string[] header = ["phase", "throughput", "p50", "p99", "vs baseline", "vs prepared", "cores: bench/pg/other", "target", "result"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder().AppendLine(heading).AppendLine();
        Line(text, header, widths);
        Line(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            Line(text, row, widths);
        }

        return text.AppendLine().AppendLine(CpuNote).ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => i is 0 or 7 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");

    private static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Cpu(CpuUsage? usage) => usage?.ToString() ?? "n/a";

    private static string Verdict(bool met) => met ? "PASS" : "BELOW";

    private static string Rate(double perSecond, string unit) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + " " + unit;

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
