using System.Globalization;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Benchmarks;

/// <summary>The results of the four write phases.</summary>
internal sealed record WriteResults(LoadResult Plain, LoadResult Prepared, LoadResult AcrossMerchants, LoadResult OneMerchant);

/// <summary>
/// Plain INSERTs, prepared INSERTs, and audit appends across merchants and on one merchant. After a
/// warm-up each, the phases take turns in short slices, round after round, rather than running one
/// after the other: on a shared machine a burst of someone else's work then lands on every phase alike
/// instead of skewing one of them, and the ratios between phases stay meaningful.
/// </summary>
internal sealed class WritePhases(ThrowawayDatabase database, IServiceProvider services, AuditBenchmarkOptions options)
{
    private const int Rounds = 5;

    public async Task<WriteResults> RunAsync()
    {
        await PlainInsertBaseline.CreateTableAsync(database, CancellationToken.None);
        var plain = new PlainInsertBaseline(database.AppConnectionString, prepared: false);
        var prepared = new PlainInsertBaseline(database.AppConnectionString, prepared: true);
        await using var load = new AuditAppendLoad(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IAuditTrail>());
        var acrossMerchants = await AppendsAsync(load, options.Writers);
        var oneMerchant = await AppendsAsync(load, 1);
        var baselineMerchants = NewMerchants(options.Writers);
        var next = new long[options.Writers];

        // Writers of the baseline tables use their own merchant ids and sequence counters, so no two rows collide.
        (string Name, Func<int, Task> Operation)[] phases =
        [
            ("plain INSERTs", writer => plain.InsertAsync(baselineMerchants[writer], ++next[writer], CancellationToken.None)),
            ("prepared INSERTs", writer => prepared.InsertAsync(baselineMerchants[writer], ++next[writer], CancellationToken.None)),
            ($"audit appends on {options.Writers} merchants", acrossMerchants.Operation),
            ("audit appends on 1 merchant", oneMerchant.Operation),
        ];

        await database.CheckpointAsync(CancellationToken.None);
        foreach (var (name, operation) in phases.Where(_ => options.Warmup > TimeSpan.Zero))
        {
            Log($"{name}: warming up for {options.Warmup.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            await ConcurrentLoad.RunAsync(options.Writers, options.Warmup, operation);
        }

        var slices = phases.Select(_ => new List<LoadSlice>()).ToArray();
        var slice = options.Phase / Rounds;
        for (var round = 1; round <= Rounds; round++)
        {
            Log($"round {round} of {Rounds}: {phases.Length} phases of {slice.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s each");
            for (var i = 0; i < phases.Length; i++)
            {
                slices[i].Add(await ConcurrentLoad.RunAsync(options.Writers, slice, phases[i].Operation));
            }
        }

        var results = slices.Select(LoadResult.From).ToArray();
        for (var i = 0; i < phases.Length; i++)
        {
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{phases[i].Name}: {results[i].PerSecond:N0}/s, p50 {results[i].P50.TotalMilliseconds:0.00} ms, p99 {results[i].P99.TotalMilliseconds:0.00} ms, cores bench/pg/other {results[i].Cpu}"));
        }

        await acrossMerchants.CheckChainsAsync();
        await oneMerchant.CheckChainsAsync();
        return new WriteResults(results[0], results[1], results[2], results[3]);
    }

    /// <summary>Writers take merchants round-robin: one merchant means every writer contends for the same chain head.</summary>
    private async Task<AppendPhase> AppendsAsync(AuditAppendLoad load, int merchants)
    {
        var chains = NewMerchants(merchants);
        var contexts = new PortalDbContext[options.Writers];
        for (var writer = 0; writer < options.Writers; writer++)
        {
            contexts[writer] = await load.ContextForAsync(chains[writer % merchants]);
        }

        var next = new long[options.Writers];
        Func<int, Task> operation = options.ContextPerAppend
            ? writer => load.AppendInNewContextAsync(chains[writer % merchants], ++next[writer], CancellationToken.None)
            : writer => load.AppendAsync(contexts[writer], chains[writer % merchants], ++next[writer], CancellationToken.None);
        return new AppendPhase(chains, operation, services);
    }

    private static Guid[] NewMerchants(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7())];

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);

    private sealed record AppendPhase(Guid[] Chains, Func<int, Task> Operation, IServiceProvider Services)
    {
        /// <summary>A benchmark of a chain that forked or left a gap under load would be meaningless: every chain written is verified.</summary>
        public async Task CheckChainsAsync()
        {
            foreach (var chain in Chains)
            {
                var verification = await VerificationPhase.VerifyAsync(Services, chain);
                if (!verification.IsIntact)
                {
                    throw new InvalidOperationException($"Chain {chain} is broken after the load: {verification.Problem} at {verification.FirstBadSequence}.");
                }

                Log($"chain {chain}: {verification.VerifiedEntries.ToString("N0", CultureInfo.InvariantCulture)} entries, intact");
            }
        }
    }
}
