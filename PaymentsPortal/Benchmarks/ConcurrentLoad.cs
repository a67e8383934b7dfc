using System.Diagnostics;

namespace PaymentsPortal.Benchmarks;

/// <summary>One stretch of load: every operation's latency, how long it took, and the CPU used meanwhile.</summary>
internal sealed record LoadSlice(long[] Latencies, TimeSpan Elapsed, CpuUsage? Cpu);

/// <summary>Throughput and latency of one phase, over all its slices.</summary>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, CpuUsage? Cpu)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public static LoadResult From(IReadOnlyList<LoadSlice> slices)
    {
        var all = slices.SelectMany(s => s.Latencies).ToArray();
        if (all.Length == 0)
        {
            throw new InvalidOperationException("No operation completed within the phase.");
        }

        Array.Sort(all);
        var elapsed = TimeSpan.FromTicks(slices.Sum(s => s.Elapsed.Ticks));
        return new LoadResult(all.Length, elapsed, Ticks(Percentile(all, 0.50)), Ticks(Percentile(all, 0.99)), CpuUsage.Average(slices.Select(s => (s.Cpu, s.Elapsed))));
    }

    // Nearest-rank percentile: the smallest latency that at least this share of operations did not exceed.
    private static long Percentile(long[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static TimeSpan Ticks(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}

/// <summary>
/// Runs the same operation from several writers at once for a fixed time, each writer waiting for
/// its previous operation (a closed loop, like connected clients), and records every latency.
/// </summary>
internal static class ConcurrentLoad
{
    /// <param name="operation">One unit of work for a writer (0-based); it owns its own transaction.</param>
    public static async Task<LoadSlice> RunAsync(int writers, TimeSpan duration, Func<int, Task> operation)
    {
        var latencies = new List<long>[writers];
        var cpu = CpuMeter.Start();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var own = latencies[writer] = new List<long>(capacity: 1 << 14);
            // An operation is never cut short: the slice ends when every writer has finished its last one.
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var before = Stopwatch.GetTimestamp();
                await operation(writer);
                own.Add(Stopwatch.GetTimestamp() - before);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadSlice([.. latencies.SelectMany(l => l)], elapsed, cpu.Stop());
    }
}
