using System.Globalization;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>The three throughput phases, and how many operations of each ended other than succeeded.</summary>
/// <param name="PaymentsRuntime">What the .NET runtime did during the payment slices (allocations, GC, JIT).</param>
/// <param name="GatewayRuntime">The same during the slices of the gateway step alone.</param>
internal sealed record ThroughputResults(
    LatencySummary Plain, LatencySummary Payments, long PaymentsNotSucceeded, LatencySummary GatewayAlone, long GatewayNotSucceeded,
    RuntimeUsage PaymentsRuntime, RuntimeUsage GatewayRuntime);

/// <summary>
/// Plain INSERTs (the baseline), payments through the core, and the gateway step alone, all with the same number of
/// clients. As in the audit benchmark, after a warm-up each, the phases take turns in short slices, round after round,
/// so that a burst of someone else's work on this shared machine lands on every phase alike.
/// </summary>
internal sealed class ThroughputPhases(ThrowawayDatabase database, PaymentLoad payments, GatewayAloneLoad gateway, PaymentsBenchmarkOptions options)
{
    private const int Rounds = 5;

    public async Task<ThroughputResults> RunAsync()
    {
        await PlainInsertBaseline.CreateTableAsync(database, CancellationToken.None);
        var plain = new PlainInsertBaseline(database.AppConnectionString, prepared: false);
        var baselineMerchants = Enumerable.Range(0, options.Clients).Select(_ => Guid.CreateVersion7()).ToArray();
        var next = new long[options.Clients];

        (string Name, Func<int, Task> Operation)[] phases =
        [
            ("plain INSERTs", client => plain.InsertAsync(baselineMerchants[client], ++next[client], CancellationToken.None)),
            ("payments", payments.PayAsync),
            ("gateway step alone", gateway.CallAsync),
        ];

        await database.CheckpointAsync(CancellationToken.None);
        foreach (var (name, operation) in phases.Where(_ => options.Warmup > TimeSpan.Zero))
        {
            Log($"{name}: warming up for {options.Warmup.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            await ConcurrentLoad.RunAsync(options.Clients, options.Warmup, operation);
        }

        var paymentsFailedBefore = payments.NotSucceeded;
        var gatewayFailedBefore = gateway.NotSucceeded;
        var slices = phases.Select(_ => new List<LoadSlice>()).ToArray();
        var runtime = phases.Select(_ => RuntimeUsage.Zero).ToArray();
        var slice = options.Phase / Rounds;
        for (var round = 1; round <= Rounds; round++)
        {
            Log($"round {round} of {Rounds}: {phases.Length} phases of {slice.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s each");
            for (var i = 0; i < phases.Length; i++)
            {
                var meter = RuntimeMeter.Start();
                slices[i].Add(await ConcurrentLoad.RunAsync(options.Clients, slice, phases[i].Operation));
                runtime[i] += meter.Stop();
            }
        }

        var results = slices.Select(LatencySummary.From).ToArray();
        for (var i = 0; i < phases.Length; i++)
        {
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{phases[i].Name}: {results[i].PerSecond:N0}/s, p50 {results[i].P50.TotalMilliseconds:0.00} ms, p99 {results[i].P99.TotalMilliseconds:0.00} ms, cores bench/pg/other {results[i].Cpu}"));
        }

        return new ThroughputResults(results[0], results[1], payments.NotSucceeded - paymentsFailedBefore, results[2], gateway.NotSucceeded - gatewayFailedBefore,
            runtime[1], runtime[2]);
    }

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);
}
