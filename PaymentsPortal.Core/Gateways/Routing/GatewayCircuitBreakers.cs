using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;

namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>
/// One Polly circuit breaker per gateway endpoint, shared by every merchant that uses it: when a gateway is
/// down, the first few calls find out and the rest skip it at once instead of each paying its timeout.
/// </summary>
/// <remarks>
/// A breaker counts NotSent and Unknown as failures (the gateway did not answer properly); a decline is an
/// answer and counts as success. It opens at half of at least five calls failing within 10 s, or at five failures
/// in a row, stays open 15 s, then lets calls probe. Declines never open it, so one merchant's bad cards cannot cut
/// off the others. The second rule is for a gateway that dies under load: its last 10 s are full of successes, which
/// the ratio rule would make thousands of callers outweigh first, each paying the attempt timeout.
/// Before either rule can see a failure, an <see cref="AnswerWindow"/> keeps all but a few calls from being sent to a
/// gateway that has stopped answering, and checkout stops offering it.
/// </remarks>
public sealed class GatewayCircuitBreakers(TimeProvider clock)
{
    public const int MinimumThroughput = 5;

    /// <summary>Failures in a row that open the breaker whatever the ratio over the sampling window.</summary>
    public const int ConsecutiveFailuresToOpen = 5;

    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Breaker> breakers = new();

    /// <summary>Runs <paramref name="call"/> through the gateway's breaker; an open breaker answers NotSent without calling.</summary>
    public async Task<GatewayResult> ExecuteAsync(GatewayConnection connection, Func<CancellationToken, Task<GatewayResult>> call, CancellationToken cancellationToken)
    {
        var breaker = breakers.GetOrAdd(KeyOf(connection), _ => Build());
        await breaker.EndTripIfOverAsync(clock.GetUtcNow()).ConfigureAwait(false);
        if (breaker.State.CircuitState is CircuitState.Open or CircuitState.Isolated && clock.GetUtcNow() < breaker.OpenUntil)
        {
            // Skipped at once: an open breaker must not hold a caller in the answer window first.
            return CircuitOpen(connection);
        }

        if (await breaker.Window.EnterAsync(connection.AttemptTimeout, cancellationToken).ConfigureAwait(false) is not { } seat)
        {
            // Not counted as a failure: a pause of our own process can look like a silent gateway, and must not open the
            // breaker of a healthy one. The calls that did go out open it when they time out.
            return GatewayResult.NotSent(NotAnsweringCode, $"{connection.Kind} has not answered the calls sent to it, so this one was not sent.");
        }

        GatewayResult? result = null;
        try
        {
            result = await breaker.Pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return CircuitOpen(connection);
        }
        finally
        {
            breaker.Window.Leave(seat, answered: result is { } answer && IsAnswer(answer));
        }

        await breaker.CountAsync(result, clock.GetUtcNow()).ConfigureAwait(false);
        return result;
    }

    public const string CircuitOpenCode = "circuit_open";

    /// <summary>The code of a call held back because the gateway has not answered the calls already in flight.</summary>
    public const string NotAnsweringCode = "gateway_not_answering";

    /// <summary>
    /// The breaker's state for a gateway endpoint: Closed until calls to it have failed, Open while it is skipped,
    /// HalfOpen while one probe call decides. An endpoint never called yet is Closed.
    /// </summary>
    public CircuitState StateOf(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // A trip on failures in a row is Polly's manual isolation underneath; to everyone else it is simply open.
        var state = breakers.TryGetValue(KeyOf(connection), out var breaker) ? breaker.State.CircuitState : CircuitState.Closed;
        return state == CircuitState.Isolated ? CircuitState.Open : state;
    }

    /// <summary>
    /// Whether a call would be made now. Polly moves an open breaker to half-open only when a call comes, so an open one
    /// whose break has run out admits the probe: otherwise checkout, which only reads the state, would never offer the
    /// gateway again and nothing would ever probe it.
    /// </summary>
    public bool Admits(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!breakers.TryGetValue(KeyOf(connection), out var breaker))
        {
            return true;
        }

        return breaker.State.CircuitState switch
        {
            // A full window of unanswered calls is the earliest sign of a gateway gone silent: checkout offers the next one.
            CircuitState.Closed => !breaker.Window.IsStalled(connection.AttemptTimeout),
            CircuitState.HalfOpen => true,
            // Open by the ratio rule, or Isolated by failures in a row: either way only until the break is over.
            _ => clock.GetUtcNow() >= breaker.OpenUntil,
        };
    }

    private static GatewayResult CircuitOpen(GatewayConnection connection) =>
        GatewayResult.NotSent(CircuitOpenCode, $"{connection.Kind} is failing; its circuit breaker is open, so it was not called.");

    /// <summary>The gateway answered: a success, a decline or a request to authenticate, anything but silence or an error.</summary>
    private static bool IsAnswer(GatewayResult result) => result.Outcome is not (GatewayOutcome.NotSent or GatewayOutcome.Unknown);

    private static string KeyOf(GatewayConnection connection) => $"{connection.Kind}|{connection.BaseAddress}";

    private Breaker Build()
    {
        var state = new CircuitBreakerStateProvider();
        var breaker = new Breaker(state, clock);
        breaker.Pipeline = new ResiliencePipelineBuilder<GatewayResult> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<GatewayResult>
            {
                StateProvider = state,
                ManualControl = breaker.Control,
                OnOpened = opened =>
                {
                    // A manual isolation (the trip on failures in a row) reports an endless break; its end is set by the trip.
                    if (!opened.IsManual)
                    {
                        breaker.OpenUntil = clock.GetUtcNow() + opened.BreakDuration;
                    }

                    breaker.Window.Reset();

                    return ValueTask.CompletedTask;
                },
                FailureRatio = 0.5,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                ShouldHandle = new PredicateBuilder<GatewayResult>()
                    .HandleResult(result => result.Outcome is GatewayOutcome.NotSent or GatewayOutcome.Unknown),
            })
            .Build();
        return breaker;
    }

    private sealed class Breaker(CircuitBreakerStateProvider state, TimeProvider clock)
    {
        private int consecutiveFailures;
        private int ending;

        public CircuitBreakerStateProvider State { get; } = state;

        public AnswerWindow Window { get; } = new(clock);

        /// <summary>Polly v8 has no consecutive-failure breaker; its manual isolation serves as one.</summary>
        public CircuitBreakerManualControl Control { get; } = new();

        public ResiliencePipeline<GatewayResult> Pipeline { get; set; } = ResiliencePipeline<GatewayResult>.Empty;

        /// <summary>When the current break ends: set by Polly's OnOpened callback, or by a trip on failures in a row.</summary>
        public DateTimeOffset OpenUntil { get; set; }

        public async Task CountAsync(GatewayResult result, DateTimeOffset now)
        {
            if (IsAnswer(result))
            {
                Volatile.Write(ref consecutiveFailures, 0);
                return;
            }

            // Exactly one of the concurrent failures that reach the count trips the breaker.
            if (Interlocked.Increment(ref consecutiveFailures) == ConsecutiveFailuresToOpen)
            {
                OpenUntil = now + BreakDuration;
                await Control.IsolateAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Closes a trip on failures in a row once its break is over; the next calls are the probe.</summary>
        public async Task EndTripIfOverAsync(DateTimeOffset now)
        {
            if (State.CircuitState != CircuitState.Isolated || now < OpenUntil || Interlocked.Exchange(ref ending, 1) == 1)
            {
                return;
            }

            try
            {
                Volatile.Write(ref consecutiveFailures, 0);
                await Control.CloseAsync().ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref ending, 0);
            }
        }
    }
}
