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
        var contexts = options.ContextPerAppend ? "a new scope and context for every append" : "one context per append writer";
        var heading = string.Create(CultureInfo.InvariantCulture,
            $"Audit trail benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {server}.{Environment.NewLine}" +
            $"{options.Writers} writers, {options.Phase.TotalSeconds:0.#} s per phase in 5 interleaved slices after {options.Warmup.TotalSeconds:0.#} s of warm-up; " +
            $"every write is its own committed transaction, as the app role; {contexts}.");
        var report = new AuditBenchmarkReport(heading);
        if (options.Writes)
        {
            var writes = await new WritePhases(database, provider, options).RunAsync();
            report.AddBaseline($"plain INSERT, {options.Writers} writers (the baseline)", writes.Plain);
            report.AddAppends($"audit append, {options.Writers} writers on {options.Writers} merchants", writes.AcrossMerchants, writes.Plain, writes.Prepared);
            report.AddAppends($"audit append, {options.Writers} writers on 1 merchant", writes.OneMerchant, writes.Plain, writes.Prepared);
            report.AddReference($"prepared INSERT, {options.Writers} writers (for reference)", writes.Prepared, writes.Plain);
        }

        if (options.Verify)
        {
            var verification = await new VerificationPhase(database, provider, options).RunAsync();
            var entries = verification.Entries.ToString("N0", CultureInfo.InvariantCulture);
            report.AddReadCeiling($"the same rows streamed to a client that discards them, {ChainReadCeiling.Connections(verification.Entries)} connections (the ceiling)",
                verification.Entries, verification.Ceiling, verification.CeilingCpu);
            report.AddVerification($"verify one chain of {entries} entries", verification.Entries, verification.Median, verification.Cpu, verification.Ceiling);
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(report.ToString());
        return 0;
    }
}
