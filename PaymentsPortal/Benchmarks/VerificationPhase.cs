using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Benchmarks;

/// <summary>The time the real verifier takes over one long valid chain: the median of several walks.</summary>
/// <param name="Ceiling">The median time PostgreSQL alone took to stream the same rows to a discarding client.</param>
internal sealed record VerificationResult(long Entries, TimeSpan Median, CpuUsage? Cpu, TimeSpan Ceiling, CpuUsage? CeilingCpu);

/// <summary>Loads one valid chain of the configured length, then times <see cref="AuditVerifier"/> over it.</summary>
internal sealed class VerificationPhase(ThrowawayDatabase database, IServiceProvider services, AuditBenchmarkOptions options)
{
    public async Task<VerificationResult> RunAsync()
    {
        var chain = Guid.CreateVersion7();
        Log($"loading a chain of {options.Entries.ToString("N0", CultureInfo.InvariantCulture)} entries with binary COPY…");
        var loading = Stopwatch.StartNew();
        await ChainFixture.LoadAsync(database.OwnerConnectionString, chain, options.Entries, CancellationToken.None);
        await database.CheckpointAsync(CancellationToken.None);
        Log($"loaded in {loading.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");

        // One untimed walk first, as the write phases warm up: it brings the chain into PostgreSQL's cache and
        // compiles the hot loop, so the timed walks measure the verifier rather than the first read from disk.
        await VerifyAsync(services, chain);
        var times = new List<TimeSpan>();
        var cpu = CpuMeter.Start();
        var started = Stopwatch.GetTimestamp();
        for (var run = 1; run <= options.VerifyRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await VerifyAsync(services, chain);
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
        var (ceiling, ceilingCpu) = await MeasureCeilingAsync(chain);
        return new VerificationResult(options.Entries, times[times.Count / 2], usage, ceiling, ceilingCpu);
    }

    private async Task<(TimeSpan Median, CpuUsage? Cpu)> MeasureCeilingAsync(Guid chain)
    {
        var times = new List<TimeSpan>();
        var cpu = CpuMeter.Start();
        for (var run = 1; run <= options.VerifyRuns; run++)
        {
            var elapsed = await ChainReadCeiling.StreamAsync(database.AppConnectionString, chain, options.Entries, CancellationToken.None);
            times.Add(elapsed);
            Log($"streaming the rows alone, run {run}: {elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s " +
                $"({(options.Entries / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} entries/s)");
        }

        var usage = cpu.Stop();
        times.Sort();
        return (times[times.Count / 2], usage);
    }

    public static async Task<AuditVerification> VerifyAsync(IServiceProvider services, Guid chain)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateForPlatform();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await AuditVerifier.VerifyAsync(db, chain);
    }

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);
}
