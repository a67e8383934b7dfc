using Polly.CircuitBreaker;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Unit.Gateways.Routing;

[Trait("Tier", "Unit")]
public sealed class GatewayCircuitBreakersTests
{
    private static readonly GatewayConnection Stripe = new(GatewayKind.Stripe, new Uri("http://127.0.0.1:9/"), null, "sk_test_x", TimeSpan.FromSeconds(1));

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), timestampsFollowNow: true);

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

    [Fact]
    public async Task SilentGateway_GetsNoMoreThanTheWindowOfCalls_AndCheckoutPassesItOver()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        var stripe = Stripe with { AttemptTimeout = TimeSpan.FromSeconds(2) };
        // One quick answer first: the window then waits a few of those answer times (its 50 ms floor), not half the timeout.
        await breakers.ExecuteAsync(stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_ok")), CancellationToken.None);

        var silence = new TaskCompletionSource<GatewayResult>();
        var sent = 0;
        var inFlight = Enumerable.Range(0, AnswerWindow.MinimumLimit).Select(_ => breakers.ExecuteAsync(stripe, _ =>
        {
            Interlocked.Increment(ref sent);
            return silence.Task;
        }, CancellationToken.None)).ToArray();

        var heldBack = await breakers.ExecuteAsync(stripe, _ =>
        {
            Interlocked.Increment(ref sent);
            return silence.Task;
        }, CancellationToken.None);

        Assert.Equal((GatewayOutcome.NotSent, GatewayCircuitBreakers.NotAnsweringCode), (heldBack.Outcome, heldBack.Code));
        Assert.Equal(AnswerWindow.MinimumLimit, sent);
        Assert.True(breakers.Admits(stripe));
        // Once the oldest silent call is overdue, checkout stops offering the gateway even before the breaker opens.
        clock.Advance(AnswerWindow.MinimumWait);
        Assert.False(breakers.Admits(stripe));

        silence.SetResult(GatewayResult.Unknown("timeout", "no answer"));
        await Task.WhenAll(inFlight);
        Assert.Equal(CircuitState.Open, breakers.StateOf(stripe));
    }

    [Fact]
    public async Task BurstToASlowHealthyGateway_WaitsForItsFirstAnswer_ThenGoesThrough()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        // Never answered yet, so a held-back call waits up to half of this long timeout: far longer than the test needs.
        var stripe = Stripe with { AttemptTimeout = TimeSpan.FromMinutes(2) };
        var answers = Enumerable.Range(0, AnswerWindow.MinimumLimit).Select(_ => new TaskCompletionSource<GatewayResult>()).ToArray();
        var inFlight = answers.Select(answer => breakers.ExecuteAsync(stripe, _ => answer.Task, CancellationToken.None)).ToArray();

        var ninthSent = false;
        var ninth = breakers.ExecuteAsync(stripe, _ =>
        {
            ninthSent = true;
            return Task.FromResult(GatewayResult.Succeeded("pi_ninth"));
        }, CancellationToken.None);
        Assert.False(ninth.IsCompleted);
        Assert.False(ninthSent);
        Assert.True(breakers.Admits(stripe));

        answers[0].SetResult(GatewayResult.Declined("card_declined", "declined", retryableElsewhere: false));
        Assert.Equal(GatewayOutcome.Succeeded, (await ninth).Outcome);
        Assert.True(ninthSent);

        foreach (var answer in answers[1..])
        {
            answer.SetResult(GatewayResult.Succeeded("pi_ok"));
        }

        await Task.WhenAll(inFlight);
        Assert.Equal(CircuitState.Closed, breakers.StateOf(stripe));
    }

    [Fact]
    public async Task AnswerToACallSentBeforeTheOutage_DoesNotLetMoreCallsIn()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        var stripe = Stripe with { AttemptTimeout = TimeSpan.FromSeconds(2) };
        await breakers.ExecuteAsync(stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_ok")), CancellationToken.None);
        var answers = Enumerable.Range(0, AnswerWindow.MinimumLimit).Select(_ => new TaskCompletionSource<GatewayResult>()).ToArray();
        var inFlight = answers.Select(answer => breakers.ExecuteAsync(stripe, _ => answer.Task, CancellationToken.None)).ToList();

        // The first call was sent before the gateway went silent and still answers: it vouches for itself only.
        answers[0].SetResult(GatewayResult.Succeeded("pi_before_outage"));
        await inFlight[0];
        var silence = new TaskCompletionSource<GatewayResult>();
        var sentAfter = 0;
        Task<GatewayResult> Silent() => breakers.ExecuteAsync(stripe, _ =>
        {
            Interlocked.Increment(ref sentAfter);
            return silence.Task;
        }, CancellationToken.None);

        inFlight.Add(Silent());
        var heldBack = await Silent();

        Assert.Equal(1, sentAfter);
        Assert.Equal(GatewayCircuitBreakers.NotAnsweringCode, heldBack.Code);
        silence.SetResult(GatewayResult.Unknown("timeout", "no answer"));
        foreach (var answer in answers[1..])
        {
            answer.SetResult(GatewayResult.Unknown("timeout", "no answer"));
        }

        await Task.WhenAll(inFlight);
    }

    [Fact]
    public async Task CallsThatTimedOut_KeepTheirPlaces_SoFewCustomersCannotFeedTheHoleTwice()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        var stripe = Stripe with { AttemptTimeout = TimeSpan.FromSeconds(1) };
        // Enough successes that the failures to come stay under the ratio rule's half.
        for (var i = 0; i < 20; i++)
        {
            await breakers.ExecuteAsync(stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_ok")), CancellationToken.None);
        }

        // Four customers' payments time out together: fewer than it takes to open the breaker.
        var timeout = new TaskCompletionSource<GatewayResult>();
        var first = Enumerable.Range(0, AnswerWindow.MinimumLimit - 1).Select(_ => breakers.ExecuteAsync(stripe, _ => timeout.Task, CancellationToken.None)).ToArray();
        clock.Advance(stripe.AttemptTimeout);
        timeout.SetResult(GatewayResult.Unknown("timeout", "no answer"));
        await Task.WhenAll(first);
        Assert.Equal(CircuitState.Closed, breakers.StateOf(stripe));

        // They retry: one more call goes out, then the gateway counts as silent and the rest are held back at once.
        var silence = new TaskCompletionSource<GatewayResult>();
        var fifth = breakers.ExecuteAsync(stripe, _ => silence.Task, CancellationToken.None);
        Assert.False(fifth.IsCompleted);
        Assert.False(breakers.Admits(stripe));
        var sixth = await breakers.ExecuteAsync(stripe, _ => Task.FromResult(GatewayResult.Succeeded("pi_never")), CancellationToken.None);

        Assert.Equal(GatewayCircuitBreakers.NotAnsweringCode, sixth.Code);
        Assert.Equal(CircuitState.Closed, breakers.StateOf(stripe));

        // The fifth call's timeout is the fifth failure in a row.
        clock.Advance(stripe.AttemptTimeout);
        silence.SetResult(GatewayResult.Unknown("timeout", "no answer"));
        await fifth;
        Assert.Equal(CircuitState.Open, breakers.StateOf(stripe));
    }

    [Fact]
    public async Task BusyHealthyGateway_WindowGrowsWithTheConcurrencyItAnswers()
    {
        var breakers = new GatewayCircuitBreakers(clock);
        var stripe = Stripe with { AttemptTimeout = TimeSpan.FromMinutes(2) };
        var sent = 0;
        var pending = new Queue<TaskCompletionSource<GatewayResult>>();
        var calls = new List<Task<GatewayResult>>();
        void Send()
        {
            var answer = new TaskCompletionSource<GatewayResult>();
            pending.Enqueue(answer);
            calls.Add(breakers.ExecuteAsync(stripe, _ =>
            {
                Interlocked.Increment(ref sent);
                return answer.Task;
            }, CancellationToken.None));
        }

        // A steady load with five calls always in flight, each answered in turn, as a slow gateway under traffic is.
        for (var i = 0; i < AnswerWindow.MinimumLimit; i++)
        {
            Send();
        }

        for (var i = 0; i < 40; i++)
        {
            // Each call is answered five steps of 10 ms after it was sent: 50 ms answers, five in flight, 100 answers a second.
            clock.Advance(TimeSpan.FromMilliseconds(10));
            pending.Dequeue().SetResult(GatewayResult.Succeeded("pi_ok"));
            // Its call has returned, so its place is back.
            await calls[i];
            Send();
        }

        Assert.Equal(AnswerWindow.MinimumLimit + 40, sent);

        // Five unanswered calls are in flight, the usual for this gateway: a burst of as many again goes out without waiting.
        for (var i = 0; i < AnswerWindow.MinimumLimit; i++)
        {
            Send();
        }

        Assert.Equal((2 * AnswerWindow.MinimumLimit) + 40, sent);
        while (pending.TryDequeue(out var answer))
        {
            answer.SetResult(GatewayResult.Succeeded("pi_ok"));
        }

        Assert.All(await Task.WhenAll(calls), result => Assert.Equal(GatewayOutcome.Succeeded, result.Outcome));
    }
}
