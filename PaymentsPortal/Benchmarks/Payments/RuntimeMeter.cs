using System.Runtime;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>What the .NET runtime did in this process during a stretch: bytes allocated, time paused for GC, methods compiled.</summary>
/// <remarks>
/// The JIT's compilation time is left out on purpose: the runtime measures it in wall time, so on a busy machine it counts
/// the time a compiling thread waited for a core, and it came out larger than the process's whole CPU time.
/// </remarks>
internal sealed record RuntimeUsage(long AllocatedBytes, TimeSpan GcPause, int Gen2Collections, long JitMethods)
{
    public static RuntimeUsage Zero { get; } = new(0, TimeSpan.Zero, 0, 0);

    public static RuntimeUsage operator +(RuntimeUsage left, RuntimeUsage right) => new(
        left.AllocatedBytes + right.AllocatedBytes, left.GcPause + right.GcPause, left.Gen2Collections + right.Gen2Collections,
        left.JitMethods + right.JitMethods);
}

/// <summary>
/// The runtime's own counters, read before and after a stretch of load: no profiler, and cheap enough to read around every
/// slice. They say whether the process's CPU goes to allocating and collecting, to the JIT still tiering up, or to the work.
/// </summary>
internal sealed class RuntimeMeter
{
    private readonly RuntimeUsage start = Read();

    public static RuntimeMeter Start() => new();

    public RuntimeUsage Stop()
    {
        var now = Read();
        return new RuntimeUsage(now.AllocatedBytes - start.AllocatedBytes, now.GcPause - start.GcPause, now.Gen2Collections - start.Gen2Collections,
            now.JitMethods - start.JitMethods);
    }

    private static RuntimeUsage Read() => new(
        GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration(), GC.CollectionCount(2), JitInfo.GetCompiledMethodCount());
}
