using System.Globalization;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>Where one payment's time went at one concurrency: each step's total over the run, and the transactions it cost.</summary>
/// <param name="DurableCommits">
/// Commits per payment that wrote, each waiting for its WAL flush: explicit COMMITs plus writing statements sent outside a
/// transaction, counted at the client.
/// </param>
/// <param name="AllTransactions">Transactions per payment as pg_stat_database's xact_commit counts them: read-only ones too.</param>
internal sealed record StepBreakdown(int Clients, LatencySummary Payments, IReadOnlyList<StepTotal> Steps, double DurableCommits, double AllTransactions);

/// <summary>
/// Payments with every round trip timed (<see cref="DatabaseStepListener"/>, <see cref="TimedGatewayFactory"/>): once by
/// one client, where a step's time is its own cost, then by all clients, where it also holds the wait for a core.
/// Separate from the throughput phases, so that their numbers carry no tracing cost.
/// </summary>
internal sealed class CostBreakdownPhase(ThrowawayDatabase database, PaymentLoad payments, StepRecorder recorder, PaymentsBenchmarkOptions options)
{
    public static TimeSpan Duration(PaymentsBenchmarkOptions options) => TimeSpan.FromSeconds(Math.Min(5, options.Phase.TotalSeconds / 2));

    public async Task<IReadOnlyList<StepBreakdown>> RunAsync()
    {
        using var listener = new DatabaseStepListener(recorder);
        return options.Clients == 1 ? [await MeasureAsync(1)] : [await MeasureAsync(1), await MeasureAsync(options.Clients)];
    }

    private async Task<StepBreakdown> MeasureAsync(int clients)
    {
        var duration = Duration(options);
        Log($"timing each step: {ReportFormat.Clients(clients)} for {duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");

        // Reading the counters closes the pooled connections, so the first payments open new ones (the CONNECT step) and
        // prepare the audit statements again: a few milliseconds once per connection, small against a 5 s run.
        var before = await DatabaseCounts.ReadAsync(database);
        recorder.Start();
        var slice = await ConcurrentLoad.RunAsync(clients, duration, payments.PayAsync);
        var steps = recorder.Stop();
        var after = await DatabaseCounts.ReadAsync(database);
        var paid = slice.Latencies.Length;
        var commits = steps.Where(s => s.Step == DatabaseStepListener.CommitStep).Sum(s => s.Count) + recorder.AutocommittedWrites;
        return new StepBreakdown(clients, LatencySummary.From([slice]), steps, paid == 0 ? 0 : (double)commits / paid,
            DatabaseCounts.PerOperation(before, after, paid));
    }

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);
}
