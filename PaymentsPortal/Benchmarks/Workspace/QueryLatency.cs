using System.Diagnostics;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>The latency percentiles of one query's samples.</summary>
internal sealed record QueryLatency(int Samples, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Total)
{
    /// <param name="stopwatchTicks">Each sample's duration in <see cref="Stopwatch"/> ticks.</param>
    public static QueryLatency Of(IReadOnlyCollection<long> stopwatchTicks)
    {
        ArgumentOutOfRangeException.ThrowIfZero(stopwatchTicks.Count);
        var sorted = stopwatchTicks.Order().ToArray();
        return new QueryLatency(sorted.Length, Time(Percentile(sorted, 0.50)), Time(Percentile(sorted, 0.95)), Time(Percentile(sorted, 0.99)),
            Time(sorted.Sum()));
    }

    // Nearest rank, as the other benchmarks: the smallest latency that at least this share of samples did not exceed.
    private static long Percentile(long[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static TimeSpan Time(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}
