using System.Runtime.CompilerServices;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Sync;

namespace PaymentsPortal.Tests.Integration.Gateways.Sync;

/// <summary>
/// An activity feed (Stripe's unless told otherwise) that lists what the test put in it, records what each read asked for, and can fail after a number of
/// events or stop until the test lets it go on, so the sync's cursor and lease can be examined at each step.
/// </summary>
internal sealed class ScriptedActivityFeed(GatewayKind kind = GatewayKind.Stripe) : IGatewayActivityFeed
{
    private readonly List<GatewayActivity> events = [];
    private readonly List<(DateTimeOffset Since, IReadOnlyCollection<string> Types)> reads = [];

    public GatewayKind Kind => kind;

    /// <summary>When set, a read throws this after listing <see cref="FailAfter"/> events.</summary>
    public Exception? Failure { get; set; }

    public int FailAfter { get; set; }

    /// <summary>When set, a read waits for it before listing anything.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when a read has started (and is waiting at <see cref="Gate"/>, if set).</summary>
    public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(DateTimeOffset Since, IReadOnlyCollection<string> Types)> Reads
    {
        get
        {
            lock (reads)
            {
                return [.. reads];
            }
        }
    }

    public void Add(GatewayActivity activity)
    {
        lock (events)
        {
            events.Add(activity);
        }
    }

    public async IAsyncEnumerable<GatewayActivity> ReadAsync(
        GatewayConnection connection, DateTimeOffset since, IReadOnlyCollection<string> eventTypes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (reads)
        {
            reads.Add((since, eventTypes));
        }

        ReadStarted.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        List<GatewayActivity> listed;
        lock (events)
        {
            listed = [.. events.Where(e => e.OccurredAt >= since && eventTypes.Contains(e.EventType))];
        }

        var given = 0;
        foreach (var item in listed)
        {
            if (Failure is { } failure && given == FailAfter)
            {
                throw failure;
            }

            given++;
            yield return item;
        }

        if (Failure is { } late && given == FailAfter)
        {
            throw late;
        }
    }
}
