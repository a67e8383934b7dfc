using System.Diagnostics;

namespace PaymentsPortal.Benchmarks;

/// <summary>Throughput and latency of one load phase.</summary>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, CpuUsage? Cpu)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>
/// Runs the same operation from several writers at once for a fixed time, each writer waiting for
/// its previous operation (a closed loop, like connected clients), and records every latency.
/// </summary>
internal static class ConcurrentLoad
{
    /// <param name="operation">One unit of work for a writer (0-based); it owns its own transaction.</param>
    public static async Task<LoadResult> RunAsync(int writers, TimeSpan duration, Func<int, Task> operation)
    {
        var latencies = new List<long>[writers];
        var cpu = CpuMeter.Start();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var own = latencies[writer] = new List<long>(capacity: 1 << 16);
            // An operation is never cut short: the phase ends when every writer has finished its last one.
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var before = Stopwatch.GetTimestamp();
                await operation(writer);
                own.Add(Stopwatch.GetTimestamp() - before);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var usage = cpu.Stop();

        var all = latencies.SelectMany(l => l).ToArray();
        if (all.Length == 0)
        {
            throw new InvalidOperationException("No operation completed within the phase.");
        }

        Array.Sort(all);
        return new LoadResult(all.Length, elapsed, Ticks(Percentile(all, 0.50)), Ticks(Percentile(all, 0.99)), usage);
    }

    // Nearest-rank percentile: the smallest latency that at least this share of operations did not exceed.
    private static long Percentile(long[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static TimeSpan Ticks(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}
