using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using PaymentsPortal.Benchmarks.Payments;
using PaymentsPortal.Core;
using PaymentsPortal.Core.Payments.Dashboard;
using PaymentsPortal.SyntheticData;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>
/// <c>benchmark workspace [options]</c>, started by <c>./bench.sh workspace</c>: fills a throwaway database with synthetic
/// payments, then times the payments list (first and deep pages, with and without filters, in two orders) and the dashboard's
/// KPI panel on the biggest merchant, next to a primary-key lookup measured in the same run. Numbers are printed, never asserted.
/// </summary>
internal static class WorkspaceBenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = WorkspaceBenchmarkOptions.Parse(args[2..], Console.Error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(WorkspaceBenchmarkOptions.Usage);
            return 2;
        }

        var admin = Environment.GetEnvironmentVariable(ThrowawayDatabase.AdminVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            await Console.Error.WriteLineAsync(
                $"{ThrowawayDatabase.AdminVariable} is not set. Run ./bench.sh workspace, which starts a throwaway PostgreSQL for the benchmark.");
            return 2;
        }

        var cancellation = CancellationToken.None;
        await using var database = await ThrowawayDatabase.CreateAsync(admin, cancellation);
        await using var services = BuildServices(database);

        var generator = new SyntheticPayments(database.AppConnectionString, database.OwnerConnectionString, Console.Out);
        var to = DateTimeOffset.UtcNow;
        var merchants = await generator.CreateMerchantsAsync(options.Merchants, to, cancellation);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Generating {options.Payments:N0} payments over {ReportFormat.Merchants(options.Merchants)}:"));
        var generated = await generator.InsertAsync(new SyntheticPaymentsPlan(merchants, options.Payments, to), cancellation);
        await database.CheckpointAsync(cancellation);

        // The running app keeps daily totals of closed days (PaymentDailyStatsSchedule); build them as it would.
        var rolling = Stopwatch.StartNew();
        var rolledDays = await services.GetRequiredService<PaymentDailyStatsRollup>().RollAllAsync(cancellation);
        rolling.Stop();
        var rolled = string.Create(CultureInfo.InvariantCulture,
            $"Daily totals for the dashboard: {rolledDays:N0} merchant-days rolled up in {rolling.Elapsed.TotalSeconds:0.0} s (once; then only new and changed days).");
        await Console.Out.WriteLineAsync(rolled);

        // The first merchant holds half of the payments: the list and the panel are at their most expensive there.
        var subject = await WorkspaceSubject.FindAsync(database.AppConnectionString, merchants[0], to, cancellation);
        var probes = WorkspaceProbes.Build(services, database.AppConnectionString, subject, options.PageSize);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Measuring {probes.Count} queries on the biggest merchant ({subject.Payments:N0} payments)…"));

        var loadBefore = MachineInfo.LoadAverage;
        var cpu = CpuMeter.Start();
        var measuring = Stopwatch.StartNew();
        var results = await ProbeSampler.SampleAsync(probes, options, Console.Out, cancellation);
        measuring.Stop();
        var used = cpu.Stop();
        var loadAfter = MachineInfo.LoadAverage;

        // What each query found, read once more after timing, so the report can tell an empty page from a fast one.
        var returned = new List<long>();
        foreach (var probe in probes)
        {
            returned.Add(await probe.RunAsync(cancellation));
        }

        var heading = await HeadingAsync(database, options, generated, subject) + Environment.NewLine + rolled + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
            $"Measuring took {measuring.Elapsed.TotalSeconds:0} s. Load average (1 / 5 / 15 min) {loadBefore ?? "n/a"} before and {loadAfter ?? "n/a"} after; " +
            $"cores used meanwhile by the benchmark / its PostgreSQL / everything else: {ReportFormat.Cpu(used)}.");
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(WorkspaceBenchmarkReport.Format(heading, probes, results, returned));
        return 0;
    }

    /// <summary>Core's services as the app composes them, over the throwaway database as the app role.</summary>
    private static ServiceProvider BuildServices(ThrowawayDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddPortalCore(new ConfigurationBuilder().Build(), database.AppConnectionString);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task<string> HeadingAsync(
        ThrowawayDatabase database, WorkspaceBenchmarkOptions options, SyntheticPaymentsResult generated, WorkspaceSubject subject)
    {
        var server = await database.DescribeServerAsync(CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture,
            $"Payments workspace benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({MachineInfo.Processor}), {server}.{Environment.NewLine}" +
            $"{generated.Inserted:N0} synthetic payments over {ReportFormat.Merchants(options.Merchants)} and 365 days, inserted in " +
            $"{generated.Inserting.TotalSeconds:0.0} s ({generated.Inserted / generated.Inserting.TotalSeconds:N0}/s), then VACUUM (ANALYZE) in " +
            $"{generated.Vacuuming.TotalSeconds:0.0} s. Measured on the biggest merchant ({subject.Payments:N0} payments) as the app role through " +
            $"PaymentSearch ({options.PageSize} rows a page) and DashboardQueries: up to {options.Samples} samples or " +
            $"{options.QueryBudget.TotalSeconds:0} s per query, in interleaved rounds after {ReportFormat.Counted(options.WarmupRounds, "untimed round")}.");
    }
}
