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
    public async Task FiveFailuresInARow_OpenTheBreakerEvenAfterManySuccesses()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        for (var i = 0; i < 200; i++)
        {
            await breakers.ExecuteAsync(Stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_ok")), CancellationToken.None);
        }

        var calls = 0;
        for (var i = 0; i < 10; i++)
        {
            await breakers.ExecuteAsync(Stripe, _ =>
            {
                calls++;
                return Task.FromResult(GatewayResult.Unknown("timeout", "no answer"));
            }, CancellationToken.None);
        }

        // 5 of 205 is far below the ratio rule's half, yet the gateway is skipped from the fifth failure in a row on.
        Assert.Equal(GatewayCircuitBreakers.ConsecutiveFailuresToOpen, calls);
        Assert.Equal((CircuitState.Open, false), (breakers.StateOf(Stripe), breakers.Admits(Stripe)));
        clock.Advance(GatewayCircuitBreakers.BreakDuration);
        Assert.True(breakers.Admits(Stripe));
        await breakers.ExecuteAsync(Stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_back")), CancellationToken.None);
        Assert.Equal(CircuitState.Closed, breakers.StateOf(Stripe));
    }

    [Fact]
    public async Task DeclineBetweenFailures_KeepsTheBreakerClosed()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        for (var i = 0; i < 200; i++)
        {
            await breakers.ExecuteAsync(Stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_ok")), CancellationToken.None);
        }

        for (var i = 0; i < 12; i++)
        {
            // An answer, even a decline, shows the gateway is there: failures in a row start again from zero.
            var answer = i % 4 == 3 ? GatewayResult.Declined("card_declined", "declined", retryableElsewhere: false) : GatewayResult.Unknown("timeout", "no answer");
            await breakers.ExecuteAsync(Stripe, _ => Task.FromResult(answer), CancellationToken.None);
        }

        Assert.Equal(CircuitState.Closed, breakers.StateOf(Stripe));
    }

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
