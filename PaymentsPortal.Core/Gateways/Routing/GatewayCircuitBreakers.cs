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
/// answer and counts as success. It opens at half of at least five calls failing within 10 s, stays open 15 s,
/// then lets one call probe. Declines never open it, so one merchant's bad cards cannot cut off the others.
/// </remarks>
public sealed class GatewayCircuitBreakers(TimeProvider clock)
{
    public const int MinimumThroughput = 5;

    private readonly ConcurrentDictionary<string, Breaker> breakers = new();

    /// <summary>Runs <paramref name="call"/> through the gateway's breaker; an open breaker answers NotSent without calling.</summary>
    public async Task<GatewayResult> ExecuteAsync(GatewayConnection connection, Func<CancellationToken, Task<GatewayResult>> call, CancellationToken cancellationToken)
    {
        var breaker = breakers.GetOrAdd(KeyOf(connection), _ => Build());
        try
        {
            return await breaker.Pipeline.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return GatewayResult.NotSent(CircuitOpenCode, $"{connection.Kind} is failing; its circuit breaker is open, so it was not called.");
        }
    }

    public const string CircuitOpenCode = "circuit_open";

    /// <summary>
    /// The breaker's state for a gateway endpoint: Closed until calls to it have failed, Open while it is skipped,
    /// HalfOpen while one probe call decides. An endpoint never called yet is Closed.
    /// </summary>
    public CircuitState StateOf(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return breakers.TryGetValue(KeyOf(connection), out var breaker) ? breaker.State.CircuitState : CircuitState.Closed;
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
            CircuitState.Closed or CircuitState.HalfOpen => true,
            CircuitState.Open => clock.GetUtcNow() >= breaker.OpenUntil,
            _ => false,
        };
    }

    private static string KeyOf(GatewayConnection connection) => $"{connection.Kind}|{connection.BaseAddress}";

    private Breaker Build()
    {
        var state = new CircuitBreakerStateProvider();
        var breaker = new Breaker(state);
        breaker.Pipeline = new ResiliencePipelineBuilder<GatewayResult> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<GatewayResult>
            {
                StateProvider = state,
                OnOpened = opened =>
                {
                    breaker.OpenUntil = clock.GetUtcNow() + opened.BreakDuration;
                    return ValueTask.CompletedTask;
                },
                FailureRatio = 0.5,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(15),
                ShouldHandle = new PredicateBuilder<GatewayResult>()
                    .HandleResult(result => result.Outcome is GatewayOutcome.NotSent or GatewayOutcome.Unknown),
            })
            .Build();
        return breaker;
    }

    private sealed class Breaker(CircuitBreakerStateProvider state)
    {
        public CircuitBreakerStateProvider State { get; } = state;

        public ResiliencePipeline<GatewayResult> Pipeline { get; set; } = ResiliencePipeline<GatewayResult>.Empty;

        /// <summary>When the current break ends; written by Polly's OnOpened callback.</summary>
        public DateTimeOffset OpenUntil { get; set; }
    }
}
