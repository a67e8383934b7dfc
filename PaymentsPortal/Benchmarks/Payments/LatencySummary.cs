using System.Diagnostics;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>How many operations finished in a stretch of time, their latency percentiles and mean, and the CPU used meanwhile.</summary>
internal sealed record LatencySummary(long Count, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, TimeSpan Max, TimeSpan Mean, CpuUsage? Cpu)
{
    public static LatencySummary Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, null);

    public double PerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    /// <summary>Over every slice of a phase, as the audit benchmark sums its interleaved slices.</summary>
    public static LatencySummary From(IReadOnlyList<LoadSlice> slices) =>
        Of([.. slices.SelectMany(s => s.Latencies)], TimeSpan.FromTicks(slices.Sum(s => s.Elapsed.Ticks)), CpuUsage.Average(slices.Select(s => (s.Cpu, s.Elapsed))));

    /// <param name="stopwatchTicks">Latencies in <see cref="Stopwatch"/> ticks.</param>
    public static LatencySummary Of(long[] stopwatchTicks, TimeSpan elapsed, CpuUsage? cpu)
    {
        if (stopwatchTicks.Length == 0)
        {
            return Empty with { Elapsed = elapsed, Cpu = cpu };
        }

        var sorted = stopwatchTicks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, elapsed, Time(Percentile(sorted, 0.50)), Time(Percentile(sorted, 0.99)), Time(sorted[^1]),
            Time((long)sorted.Average()), cpu);
    }

    // Nearest rank, as the audit benchmark: the smallest latency that at least this share of operations did not exceed.
    private static long Percentile(long[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static TimeSpan Time(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}
