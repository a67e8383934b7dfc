using System.Collections.Concurrent;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>How often one step ran and the wall time it took in all, while recording.</summary>
internal sealed record StepTotal(string Step, long Count, TimeSpan Time);

/// <summary>
/// Adds up the wall time of each step of a payment (a database command by its SQL, a commit, a gateway call) while
/// recording is on. Off, it costs one flag read per step, so the throughput phases run without it.
/// </summary>
internal sealed class StepRecorder
{
    private readonly ConcurrentDictionary<string, Counter> steps = new(StringComparer.Ordinal);
    private long autocommittedWrites;
    private volatile bool recording;

    public bool Recording => recording;

    /// <summary>Writing statements sent outside any transaction while recording: each one is a durable commit of its own.</summary>
    public long AutocommittedWrites => Interlocked.Read(ref autocommittedWrites);

    public void Start()
    {
        steps.Clear();
        Interlocked.Exchange(ref autocommittedWrites, 0);
        recording = true;
    }

    public IReadOnlyList<StepTotal> Stop()
    {
        recording = false;
        return [.. steps.Select(s => new StepTotal(s.Key, Interlocked.Read(ref s.Value.Count), TimeSpan.FromTicks(Interlocked.Read(ref s.Value.Ticks))))];
    }

    public void Add(string step, TimeSpan time)
    {
        if (!recording)
        {
            return;
        }

        var counter = steps.GetOrAdd(step, _ => new Counter());
        Interlocked.Increment(ref counter.Count);
        Interlocked.Add(ref counter.Ticks, time.Ticks);
    }

    public void AddAutocommittedWrite()
    {
        if (recording)
        {
            Interlocked.Increment(ref autocommittedWrites);
        }
    }

    private sealed class Counter
    {
        public long Count;
        public long Ticks;
    }
}
