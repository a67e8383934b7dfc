using System.Diagnostics;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>One checkout: when it started and ended (Stopwatch timestamps), whose hosted fields it got, how the payment ended.</summary>
internal sealed record CheckoutSample(long Started, long Ended, GatewayKind? Offered, PaymentStatus? Status)
{
    public long Latency => Ended - Started;
}

/// <summary>
/// Clients that behave like checkout, each in a closed loop until stopped: ask <see cref="CheckoutGatewayChooser"/>
/// which gateway's hosted fields to show, take that gateway's test token as if the card had been entered, and pay.
/// A payment is never cut short; stopping waits for the ones in flight.
/// </summary>
internal sealed class CheckoutClients : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<List<CheckoutSample>>[] clients;

    private CheckoutClients(CheckoutGatewayChooser chooser, PaymentRouter router, Guid[] merchants, int count)
    {
        clients = [.. Enumerable.Range(0, count).Select(client => Task.Run(() => RunAsync(chooser, router, merchants[client % merchants.Length], stop.Token)))];
    }

    public static CheckoutClients Start(CheckoutGatewayChooser chooser, PaymentRouter router, Guid[] merchants, int count) =>
        new(chooser, router, merchants, count);

    /// <summary>One checkout now, outside any client loop (the warm-up uses it).</summary>
    public static async Task<CheckoutSample> CheckoutAsync(CheckoutGatewayChooser chooser, PaymentRouter router, Guid merchant)
    {
        var started = Stopwatch.GetTimestamp();
        var offered = (await chooser.ChooseAsync(merchant)).Gateway;
        PaymentStatus? status = null;
        if (offered is { } gateway)
        {
            status = (await router.PayAsync(BenchmarkPayments.Pay(merchant, BenchmarkPayments.TokenizedBy(gateway)))).Status;
        }

        return new CheckoutSample(started, Stopwatch.GetTimestamp(), offered, status);
    }

    public async Task<CheckoutSample[]> StopAsync()
    {
        await stop.CancelAsync();
        return [.. (await Task.WhenAll(clients)).SelectMany(samples => samples)];
    }

    public void Dispose() => stop.Dispose();

    private static async Task<List<CheckoutSample>> RunAsync(CheckoutGatewayChooser chooser, PaymentRouter router, Guid merchant, CancellationToken stop)
    {
        var samples = new List<CheckoutSample>(capacity: 1 << 12);
        while (!stop.IsCancellationRequested)
        {
            var sample = await CheckoutAsync(chooser, router, merchant);
            samples.Add(sample);
            if (sample.Offered is null)
            {
                // No gateway offered: the customer sees an error page, not a tight retry loop.
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }

        return samples;
    }
}
