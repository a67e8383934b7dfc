using System.Globalization;
using PaymentsPortal.Core;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// <c>benchmark audit [options]</c>, started by <c>./bench.sh audit</c>: measures plain INSERTs, audit
/// appends across merchants and on one merchant, and verification of a long chain, all in one fresh
/// throwaway database, and prints the numbers against their targets. Numbers are printed, never asserted.
/// </summary>
internal static class AuditBenchmarkCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "benchmark";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Length > 1 && args[1] == "audit" ? AuditBenchmarkOptions.Parse(args[2..], Console.Error) : null;
        if (options is null)
        {
            await Console.Error.WriteLineAsync(AuditBenchmarkOptions.Usage);
            return 2;
        }

        var admin = Environment.GetEnvironmentVariable(ThrowawayDatabase.AdminVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            await Console.Error.WriteLineAsync(
                $"{ThrowawayDatabase.AdminVariable} is not set. Run ./bench.sh audit, which starts a throwaway PostgreSQL for the benchmark.");
            return 2;
        }

        await using var database = await ThrowawayDatabase.CreateAsync(admin, CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalCore(new ConfigurationBuilder().Build(), database.AppConnectionString);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var server = await database.DescribeServerAsync(CancellationToken.None);
        var heading = string.Create(CultureInfo.InvariantCulture,
            $"Audit trail benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {server}.{Environment.NewLine}" +
            $"{options.Writers} writers, {options.Phase.TotalSeconds:0.#} s per phase after {options.Warmup.TotalSeconds:0.#} s of warm-up; every write is its own committed transaction, as the app role.");
        var report = new AuditBenchmarkReport(heading);
        var phases = new AuditBenchmarkPhases(database, provider, options);

        if (options.Writes)
        {
            var baseline = await phases.PlainInsertsAsync(prepared: false);
            var prepared = await phases.PlainInsertsAsync(prepared: true);
            report.AddBaseline($"plain INSERT, {options.Writers} writers (the baseline)", baseline);
            report.AddAppends($"audit append, {options.Writers} writers on {options.Writers} merchants",
                await phases.AppendsAsync(merchants: options.Writers), baseline, prepared);
            report.AddAppends($"audit append, {options.Writers} writers on 1 merchant", await phases.AppendsAsync(merchants: 1), baseline, prepared);
            report.AddReference($"prepared INSERT, {options.Writers} writers (for reference)", prepared, baseline);
        }

        if (options.Verify)
        {
            var (entries, elapsed, cpu) = await phases.VerifyLongChainAsync();
            report.AddVerification($"verify one chain of {entries.ToString("N0", CultureInfo.InvariantCulture)} entries", entries, elapsed, cpu);
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(report.ToString());
        return 0;
    }
}
