using Polly.CircuitBreaker;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Unit.Gateways.Routing;

[Trait("Tier", "Unit")]
public sealed class GatewayCircuitBreakersTests
{
    private static readonly GatewayConnection Stripe = new(GatewayKind.Stripe, new Uri("http://127.0.0.1:9/"), null, "sk_test_x", TimeSpan.FromSeconds(1));

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task OpenBreaker_AdmitsTheProbeOnceItsBreakHasRunOut_ThenClosesOnSuccess()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        Assert.True(breakers.Admits(Stripe));
        for (var i = 0; i < GatewayCircuitBreakers.MinimumThroughput; i++)
        {
            await breakers.ExecuteAsync(Stripe, _ => Task.FromResult(GatewayResult.NotSent("connection_refused", "refused")), CancellationToken.None);
        }

        Assert.Equal((CircuitState.Open, false), (breakers.StateOf(Stripe), breakers.Admits(Stripe)));
        clock.Advance(TimeSpan.FromSeconds(14));
        Assert.False(breakers.Admits(Stripe));

        // Polly still reports Open until a call comes; checkout must nevertheless offer the gateway so that one can.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((CircuitState.Open, true), (breakers.StateOf(Stripe), breakers.Admits(Stripe)));
        var probe = await breakers.ExecuteAsync(Stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_probe")), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, probe.Outcome);
        Assert.Equal(CircuitState.Closed, breakers.StateOf(Stripe));
    }
}
