using System.Diagnostics;
using System.Globalization;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// Stripe, the primary, goes hard down (every call stalls until its attempt timeout) under checkout traffic, twice:
/// <list type="number">
/// <item>after a quiet spell, when the breaker's 10 s window holds no calls: the fewest requests that can pay the timeout;</item>
/// <item>straight after 10 s of healthy checkouts, as in production, when the window is full of successes that the
/// failures must outweigh first. Those 10 s are also the healthy reference for the latency once the breaker is open.</item>
/// </list>
/// Between the two, Stripe comes back and the phase records what checkout offers once the 15 s break is over.
/// </summary>
internal sealed class FailoverPhase(IServiceProvider services, BenchmarkSimulators simulators, PaymentsBenchmarkOptions options)
{
    private static readonly TimeSpan OpenLimit = TimeSpan.FromMinutes(1);

    private readonly CheckoutGatewayChooser chooser = services.GetRequiredService<CheckoutGatewayChooser>();
    private readonly PaymentRouter router = services.GetRequiredService<PaymentRouter>();

    public async Task<FailoverResults> RunAsync()
    {
        var merchants = await BenchmarkMerchants.CreateAsync(services, "Failover merchant", options.Merchants, options.PrimaryTimeout);
        var primary = await PrimaryBreaker.ForAsync(services, merchants);
        await WarmUpAsync(merchants);

        var quiet = PrimaryBreaker.SamplingDuration + TimeSpan.FromSeconds(1);
        Log($"quiet for {Seconds(quiet)} s, so that the breaker's window holds no calls");
        await Task.Delay(quiet);
        var fromQuiet = await OutageAsync("from quiet", primary, () => CheckoutClients.Start(chooser, router, merchants, options.FailoverClients));
        var recovery = await RecoverAsync(primary, merchants[0], fromQuiet.OpenedAt);

        var reference = PrimaryBreaker.SamplingDuration;
        Log($"healthy checkouts for {Seconds(reference)} s: the reference, and a full breaker window of successes");
        var clients = CheckoutClients.Start(chooser, router, merchants, options.FailoverClients);
        var healthyFrom = Stopwatch.GetTimestamp();
        var healthyCpu = CpuMeter.Start();
        await Task.Delay(reference);
        var afterLoad = await OutageAsync($"after {Seconds(reference)} s of load", primary, () => clients, healthyCpu);
        simulators.Heal(primary.Kind);

        var healthy = afterLoad.Samples.Where(s => s.Started >= healthyFrom && s.Ended <= afterLoad.FaultAt).ToArray();
        var summary = LatencySummary.Of([.. healthy.Select(s => s.Latency)], Stopwatch.GetElapsedTime(healthyFrom, afterLoad.FaultAt), afterLoad.HealthyCpu);
        Log(string.Create(CultureInfo.InvariantCulture,
            $"healthy checkout: {summary.PerSecond:N0}/s, p50 {Ms(summary.P50)}, p99 {Ms(summary.P99)}; {healthy.Count(s => s.Status != PaymentStatus.Succeeded)} not Succeeded"));
        return new FailoverResults(options.FailoverClients, merchants.Length, options.PrimaryTimeout, summary, fromQuiet.Result, recovery, afterLoad.Result);
    }

    // Both paths compiled before anything is timed: checkout on Stripe, and payments on Braintree (which skip Stripe).
    private async Task WarmUpAsync(Guid[] merchants)
    {
        if (options.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        Log($"warming up checkout on Stripe, then payments on Braintree, {Seconds(options.Warmup)} s each");
        await ConcurrentLoad.RunAsync(options.FailoverClients, options.Warmup,
            client => CheckoutClients.CheckoutAsync(chooser, router, merchants[client % merchants.Length]));
        await ConcurrentLoad.RunAsync(options.FailoverClients, options.Warmup,
            client => router.PayAsync(BenchmarkPayments.Pay(merchants[client % merchants.Length], BenchmarkPayments.BraintreeCard)));
    }

    /// <summary>Takes the primary down under checkout traffic, waits for its breaker, measures checkout while it is open, stops the clients.</summary>
    /// <param name="clients">Called just after the fault: the clients, started then (from quiet) or already running.</param>
    /// <param name="healthyCpu">The meter of the healthy stretch before the fault, if the clients were already running; stopped at the fault.</param>
    private async Task<OutageRun> OutageAsync(string name, PrimaryBreaker primary, Func<CheckoutClients> clients, CpuMeter? healthyCpu = null)
    {
        var timedOutBefore = await primary.TimedOutAttemptsAsync();
        var parkedBefore = await primary.ParkedPaymentsAsync();
        Log($"{name}: {primary.Kind} hard down (every call stalls past its {Ms(options.PrimaryTimeout)} timeout)");
        var healthy = healthyCpu?.Stop();
        var faultAt = Stopwatch.GetTimestamp();
        simulators.HardDown(primary.Kind);
        using var running = clients();

        var opened = await primary.WaitUntilOpenAsync(OpenLimit);
        CpuUsage? openCpu = null;
        if (opened is { } at)
        {
            Log($"{name}: the breaker opened {Seconds(Stopwatch.GetElapsedTime(faultAt, at))} s after the fault; measuring checkout for {Seconds(options.OpenWindow)} s");
            var meter = CpuMeter.Start();
            await DelayUntilAsync(at + Ticks(options.OpenWindow));
            openCpu = meter.Stop();
        }
        else
        {
            Log($"{name}: the breaker did not open within {Seconds(OpenLimit)} s");
        }

        var stoppedAt = Stopwatch.GetTimestamp();
        var samples = await running.StopAsync();

        // Only checkouts that started after the breaker opened and ended inside its break: no half-open probe among them.
        var open = opened is { } from ? samples.Where(s => s.Started >= from && s.Ended <= from + Ticks(PrimaryBreaker.BreakDuration)).ToArray() : [];
        var result = new OutageResult(
            name,
            opened is { } o ? Stopwatch.GetElapsedTime(faultAt, o) : null,
            await primary.TimedOutAttemptsAsync() - timedOutBefore,
            await primary.ParkedPaymentsAsync() - parkedBefore,
            LatencySummary.Of([.. open.Select(s => s.Latency)], opened is { } f ? Stopwatch.GetElapsedTime(f, stoppedAt) : TimeSpan.Zero, openCpu),
            open.LongCount(s => s.Offered == primary.Kind),
            open.LongCount(s => s.Status != PaymentStatus.Succeeded));
        Log(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {result.PaidTimeout} requests paid the timeout, {result.Parked} payments parked; breaker open: {result.Open.Count} checkouts, p50 {Ms(result.Open.P50)}, p99 {Ms(result.Open.P99)}"));
        return new OutageRun(result, faultAt, opened, samples, healthy);
    }

    /// <summary>
    /// The primary comes back; once its break is over, what does checkout offer? Polly moves an open breaker to half-open
    /// only when a call tries to pass it, and checkout sends no call to a gateway it does not offer, so this records
    /// whether checkout finds its way back by itself, then sends one payment with a Stripe token, as an API client would.
    /// </summary>
    private async Task<RecoveryResult> RecoverAsync(PrimaryBreaker primary, Guid merchant, long? openedAt)
    {
        simulators.Heal(primary.Kind);
        var from = openedAt ?? Stopwatch.GetTimestamp();
        var breakOver = from + Ticks(PrimaryBreaker.BreakDuration + TimeSpan.FromSeconds(1));
        Log($"{primary.Kind} healthy again; waiting until its break is over ({Seconds(PrimaryBreaker.BreakDuration)} s after it opened, plus 1 s)");
        await DelayUntilAsync(breakOver);
        var stateAfterBreak = primary.State;
        var offeredAfterBreak = (await chooser.ChooseAsync(merchant)).Gateway;
        var probe = await router.PayAsync(BenchmarkPayments.Pay(merchant, BenchmarkPayments.StripeCard));
        var result = new RecoveryResult(Stopwatch.GetElapsedTime(from), stateAfterBreak, offeredAfterBreak, probe.Status, primary.State,
            (await chooser.ChooseAsync(merchant)).Gateway);
        Log($"after the break: breaker {result.StateAfterBreak}, checkout offered {result.OfferedAfterBreak}; one Stripe-token payment {result.ProbeStatus}, " +
            $"breaker {result.StateAfterProbe}, checkout offers {result.OfferedAfterProbe}");
        return result;
    }

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture) + " ms";

    private static long Ticks(TimeSpan value) => (long)(value.TotalSeconds * Stopwatch.Frequency);

    private static async Task DelayUntilAsync(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    private sealed record OutageRun(OutageResult Result, long FaultAt, long? OpenedAt, CheckoutSample[] Samples, CpuUsage? HealthyCpu);
}
