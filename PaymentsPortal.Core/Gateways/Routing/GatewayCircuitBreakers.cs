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

    private readonly ConcurrentDictionary<string, ResiliencePipeline<GatewayResult>> breakers = new();

    /// <summary>Runs <paramref name="call"/> through the gateway's breaker; an open breaker answers NotSent without calling.</summary>
    public async Task<GatewayResult> ExecuteAsync(GatewayConnection connection, Func<CancellationToken, Task<GatewayResult>> call, CancellationToken cancellationToken)
    {
        var breaker = breakers.GetOrAdd(KeyOf(connection), _ => Build());
        try
        {
            return await breaker.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return GatewayResult.NotSent(CircuitOpenCode, $"{connection.Kind} is failing; its circuit breaker is open, so it was not called.");
        }
    }

    public const string CircuitOpenCode = "circuit_open";

    private static string KeyOf(GatewayConnection connection) => $"{connection.Kind}|{connection.BaseAddress}";

    private ResiliencePipeline<GatewayResult> Build() =>
        new ResiliencePipelineBuilder<GatewayResult> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<GatewayResult>
            {
                FailureRatio = 0.5,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(15),
                ShouldHandle = new PredicateBuilder<GatewayResult>()
                    .HandleResult(result => result.Outcome is GatewayOutcome.NotSent or GatewayOutcome.Unknown),
            })
            .Build();
}
