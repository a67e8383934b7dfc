using System.Globalization;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>How the report writes numbers: invariant culture, fixed decimals, a dash for "not measured".</summary>
internal static class ReportFormat
{
    public const string None = "—";

    public static string Rate(double perSecond, string unit) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + " " + unit;

    public static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    public static string SignedMs(TimeSpan value) => value.TotalMilliseconds.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 row", "2 rows": the count and the noun, singular or plural.</summary>
    public static string Counted(long count, string singular, string? plural = null) =>
        count == 1 ? "1 " + singular : Count(count) + " " + (plural ?? singular + "s");

    public static string Clients(int count) => count == 1 ? "1 client" : Count(count) + " clients";

    public static string Merchants(int count) => count == 1 ? "1 merchant" : Count(count) + " merchants";

    public static string Cpu(CpuUsage? usage) => usage?.ToString() ?? "n/a";

    public static string Verdict(bool met) => met ? "PASS" : "BELOW";

    /// <summary>p50, p99 and max, or dashes when nothing was measured.</summary>
    public static string[] Latencies(LatencySummary summary) =>
        summary.Count == 0 ? [None, None, None] : [Ms(summary.P50), Ms(summary.P99), Ms(summary.Max)];

    /// <summary>CPU time per operation in milliseconds: the cores used, divided by the operations per second.</summary>
    public static double CpuMsPerOperation(double cores, double perSecond) => perSecond > 0 ? cores * 1000 / perSecond : 0;
}
