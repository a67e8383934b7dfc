namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>
/// Caps the calls to one gateway that it has not answered since the latest call it did answer. A breaker learns of a
/// gateway that stopped answering only when calls time out, and by then every request in flight has been sent into the
/// hole; with this cap only a few are. A further call waits briefly for a place, and is not sent if none comes: a
/// healthy gateway answers within a few of its usual answer times, a silent one does not.
/// </summary>
/// <remarks>
/// <para>
/// An answer (a success, a decline, 3-D Secure) shows the gateway was alive when that call was sent, so it vouches for
/// every call sent before it, never for later ones: answers to calls sent just before an outage cannot let more calls
/// into it. A call that ended without an answer (a timeout, a 5xx, a refused connection) keeps its place until a later
/// call is answered, so a few slow customers cannot send a fresh batch into the hole every time theirs time out.
/// </para>
/// <para>
/// The cap is the number of answers received over the last two usual answer times (twice the concurrency a healthy
/// gateway is sustaining, by Little's law), and at least <see cref="MinimumLimit"/>, the failures in a row that open the
/// breaker: a busy healthy gateway is not held back, while one that was quiet, or has stopped answering, swallows no
/// more calls than it takes to decide that it is down. Once the breaker opens it takes over, and the window starts empty.
/// </para>
/// </remarks>
internal sealed class AnswerWindow(TimeProvider clock)
{
    /// <summary>The fewest unvouched calls before the next one waits.</summary>
    public const int MinimumLimit = GatewayCircuitBreakers.ConsecutiveFailuresToOpen;

    /// <summary>How many of the gateway's recent answer times the oldest unvouched call is given before the window stalls.</summary>
    public const int AnswerTimesToWait = 4;

    /// <summary>The shortest such wait: pauses of our own process (a collection, a busy CPU) must not look like a silent gateway.</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();

    // Calls sent after the latest answered one, in flight or ended without an answer, by send order.
    private readonly SortedSet<Seat> unvouched = new(Comparer<Seat>.Create((a, b) => a.Number.CompareTo(b.Number)));
    private readonly Queue<long> recentAnswers = new();
    private TaskCompletionSource placeFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long sent;
    private long answeredUpTo;
    private TimeSpan? typicalAnswer;

    /// <summary>A place in the window: the call's number in send order, and when it was sent.</summary>
    public readonly record struct Seat(long Number, long SentAt);

    /// <summary>
    /// Takes a place for one call; when the window is full, waits for an answer until the oldest unvouched call is
    /// overdue. Null means "do not send": the gateway has had its chance to answer.
    /// </summary>
    public async Task<Seat?> EnterAsync(TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            TimeSpan remaining;
            lock (gate)
            {
                if (unvouched.Count < Limit())
                {
                    var seat = new Seat(++sent, clock.GetTimestamp());
                    unvouched.Add(seat);
                    return seat;
                }

                freed = placeFreed.Task;
                remaining = WaitFor(attemptTimeout) - clock.GetElapsedTime(unvouched.Min.SentAt);
            }

            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await freed.WaitAsync(remaining, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Records how the call ended. An answer frees its place and those of every call sent before it, and wakes the waiting
    /// calls; a call that ended without one keeps its place until a later call is answered.
    /// </summary>
    public void Leave(Seat seat, bool answered)
    {
        if (!answered)
        {
            return;
        }

        TaskCompletionSource release;
        lock (gate)
        {
            var took = clock.GetElapsedTime(seat.SentAt);
            // A moving average: one slow answer widens the wait a little, a run of them widens it a lot.
            typicalAnswer = typicalAnswer is { } typical ? (typical * 7 + took) / 8 : took;
            recentAnswers.Enqueue(clock.GetTimestamp());
            answeredUpTo = Math.Max(answeredUpTo, seat.Number);
            unvouched.RemoveWhere(other => other.Number <= answeredUpTo);
            release = Wake();
        }

        release.TrySetResult();
    }

    /// <summary>Forgets the unvouched calls: the breaker has opened and decides from here, and its probe must be let through.</summary>
    public void Reset()
    {
        TaskCompletionSource release;
        lock (gate)
        {
            unvouched.Clear();
            release = Wake();
        }

        release.TrySetResult();
    }

    /// <summary>Whether the window is full and its oldest call overdue: the gateway is visibly not answering.</summary>
    public bool IsStalled(TimeSpan attemptTimeout)
    {
        lock (gate)
        {
            return unvouched.Count >= Limit() && clock.GetElapsedTime(unvouched.Min.SentAt) >= WaitFor(attemptTimeout);
        }
    }

    private TaskCompletionSource Wake()
    {
        var release = placeFreed;
        placeFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return release;
    }

    /// <summary>How many unvouched calls there may be now: the answers of the last two usual answer times, at least the minimum.</summary>
    private int Limit()
    {
        var horizon = 2 * (typicalAnswer ?? TimeSpan.Zero);
        while (recentAnswers.TryPeek(out var at) && clock.GetElapsedTime(at) > horizon)
        {
            recentAnswers.Dequeue();
        }

        return Math.Max(MinimumLimit, recentAnswers.Count);
    }

    // Before any answer there is no usual time to go by; half the attempt timeout still spares the rest of it.
    private TimeSpan WaitFor(TimeSpan attemptTimeout)
    {
        var ceiling = attemptTimeout / 2;
        var wait = typicalAnswer is { } typical ? typical * AnswerTimesToWait : ceiling;
        return TimeSpan.FromTicks(Math.Clamp(wait.Ticks, MinimumWait.Ticks, Math.Max(MinimumWait.Ticks, ceiling.Ticks)));
    }
}
