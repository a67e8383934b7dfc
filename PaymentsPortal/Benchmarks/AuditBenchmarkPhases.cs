using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Benchmarks;

/// <summary>The four measurements of <c>benchmark audit</c>, in the order they run against one database.</summary>
internal sealed class AuditBenchmarkPhases(ThrowawayDatabase database, IServiceProvider services, AuditBenchmarkOptions options)
{
    public async Task<LoadResult> PlainInsertsAsync(bool prepared)
    {
        await PlainInsertBaseline.CreateTableAsync(database, CancellationToken.None);
        var baseline = new PlainInsertBaseline(database.AppConnectionString, prepared);
        var merchants = NewMerchants(options.Writers);
        var next = new long[options.Writers];
        return await MeasureAsync(prepared ? "prepared INSERTs" : "plain INSERTs",
            writer => baseline.InsertAsync(merchants[writer], ++next[writer], CancellationToken.None));
    }

    /// <summary>Writers take merchants round-robin: one merchant means every writer contends for the same chain head.</summary>
    public async Task<LoadResult> AppendsAsync(int merchants)
    {
        await using var load = new AuditAppendLoad(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IAuditTrail>());
        var chains = NewMerchants(merchants);
        var contexts = new PortalDbContext[options.Writers];
        for (var writer = 0; writer < options.Writers; writer++)
        {
            contexts[writer] = await load.ContextForAsync(chains[writer % merchants]);
        }

        var next = new long[options.Writers];
        var result = await MeasureAsync($"audit appends on {merchants} merchant(s)",
            writer => load.AppendAsync(contexts[writer], chains[writer % merchants], ++next[writer], CancellationToken.None));
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        // A benchmark of a chain that forked or left a gap under load would be meaningless: check every chain it wrote.
        foreach (var chain in chains)
        {
            var verification = await VerifyAsync(chain);
            if (!verification.IsIntact)
            {
                throw new InvalidOperationException($"Chain {chain} is broken after the load: {verification.Problem} at {verification.FirstBadSequence}.");
            }
        }

        Log($"all {merchants} chain(s) verified intact after {result.Operations.ToString("N0", CultureInfo.InvariantCulture)} appends");
        return result;
    }

    /// <summary>Loads one valid chain of the configured length, then times the real verifier over it several times and keeps the median.</summary>
    public async Task<(long Entries, TimeSpan Median, CpuUsage? Cpu)> VerifyLongChainAsync()
    {
        var chain = Guid.CreateVersion7();
        Log($"loading a chain of {options.Entries.ToString("N0", CultureInfo.InvariantCulture)} entries with binary COPY…");
        var loading = Stopwatch.StartNew();
        await ChainFixture.LoadAsync(database.OwnerConnectionString, chain, options.Entries, CancellationToken.None);
        await database.CheckpointAsync(CancellationToken.None);
        Log($"loaded in {loading.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");

        // One untimed walk first, as the write phases warm up: it brings the chain into PostgreSQL's cache and
        // compiles the hot loop, so the timed runs measure the verifier rather than the first read from disk.
        await VerifyAsync(chain);
        var times = new List<TimeSpan>();
        var cpu = CpuMeter.Start();
        for (var run = 1; run <= options.VerifyRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await VerifyAsync(chain);
            watch.Stop();
            if (!result.IsIntact || result.VerifiedEntries != options.Entries)
            {
                throw new InvalidOperationException($"The benchmark chain did not verify: {result}.");
            }

            times.Add(watch.Elapsed);
            Log($"verification run {run}: {watch.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s " +
                $"({(options.Entries / watch.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} entries/s)");
        }

        var usage = cpu.Stop();
        times.Sort();
        return (options.Entries, times[times.Count / 2], usage);
    }

    private async Task<LoadResult> MeasureAsync(string phase, Func<int, Task> operation)
    {
        await database.CheckpointAsync(CancellationToken.None);
        if (options.Warmup > TimeSpan.Zero)
        {
            Log($"{phase}: warming up for {options.Warmup.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            await ConcurrentLoad.RunAsync(options.Writers, options.Warmup, operation);
        }

        Log($"{phase}: measuring {options.Writers} writers for {options.Phase.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        var result = await ConcurrentLoad.RunAsync(options.Writers, options.Phase, operation);
        Log(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {result.PerSecond:N0}/s, p50 {result.P50.TotalMilliseconds:0.00} ms, p99 {result.P99.TotalMilliseconds:0.00} ms, cores bench/pg/other {result.Cpu}"));
        return result;
    }

    private async Task<AuditVerification> VerifyAsync(Guid chain)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateForPlatform();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await AuditVerifier.VerifyAsync(db, chain);
    }

    private static Guid[] NewMerchants(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7())];

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);
}
