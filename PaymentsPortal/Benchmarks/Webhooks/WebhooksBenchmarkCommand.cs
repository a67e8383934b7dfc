using System.Globalization;
using PaymentsPortal.Benchmarks.Payments;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// <c>benchmark webhooks [options]</c>, started by <c>./bench.sh webhooks</c>: starts the portal itself over a throwaway database and
/// runs each phase of <see cref="Phases"/> against it in turn. Numbers are printed, never asserted.
/// </summary>
internal static class WebhooksBenchmarkCommand
{
    /// <summary>The phases, in the order they run; each measures one thing against the same running portal.</summary>
    public static IReadOnlyList<IWebhooksBenchmarkPhase> Phases { get; } = [new IdlePhase(), new IntakePhase()];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = WebhooksBenchmarkOptions.Parse(args[2..], [.. Phases.Select(p => p.Name)], Console.Error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(WebhooksBenchmarkOptions.Usage);
            return 2;
        }

        var admin = Environment.GetEnvironmentVariable(ThrowawayDatabase.AdminVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            await Console.Error.WriteLineAsync(
                $"{ThrowawayDatabase.AdminVariable} is not set. Run ./bench.sh webhooks, which starts a throwaway PostgreSQL for the benchmark.");
            return 2;
        }

        await using var database = await ThrowawayDatabase.CreateAsync(admin, CancellationToken.None);
        await using var portal = await PortalUnderTest.StartAsync(database);
        var context = new WebhooksBenchmarkContext(database, portal, options);
        var sections = new List<string> { await HeadingAsync(database) };
        foreach (var phase in Phases.Where(p => options.Runs(p.Name)))
        {
            WebhooksBenchmarkContext.Log($"phase {phase.Name}");
            sections.Add(await phase.RunAsync(context));
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(string.Join(Environment.NewLine + Environment.NewLine, sections));
        return 0;
    }

    private static async Task<string> HeadingAsync(ThrowawayDatabase database)
    {
        var server = await database.DescribeServerAsync(CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture,
            $"Webhooks benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({MachineInfo.Processor}), {server}. " +
            $"The portal runs in this process as Program composes it (Live mode, Production environment, its hosted services on), on loopback; " +
            $"load average (1 / 5 / 15 min) at the start {MachineInfo.LoadAverage ?? "n/a"}.");
    }
}
