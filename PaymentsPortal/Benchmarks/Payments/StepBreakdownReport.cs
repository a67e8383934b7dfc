using System.Globalization;
using System.Text;
using static PaymentsPortal.Benchmarks.Payments.ReportFormat;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// Where a payment's time goes: each round trip's wall time per payment at one client and at full load, what is left
/// for the process's own work, the transactions a payment costs, and the CPU it costs on each side.
/// </summary>
internal static class StepBreakdownReport
{
    public const string OtherStep = "everything else: EF Core and the router's own work, and waiting for a thread";

    public static string Format(IReadOnlyList<StepBreakdown> runs, ThroughputResults? throughput)
    {
        var header = new List<string> { "step of one payment" };
        foreach (var run in runs)
        {
            header.AddRange([$"{Clients(run)}: calls", $"{Clients(run)}: ms/payment", $"{Clients(run)}: share"]);
        }

        var table = new MarkdownTable([.. header]);
        var loaded = runs[^1];
        var names = runs.SelectMany(r => r.Steps).Select(s => s.Step).Distinct()
            .OrderByDescending(name => PerPayment(loaded, name).Time).ToList();
        foreach (var name in names)
        {
            table.Add([name, .. runs.SelectMany(run => Cells(run, PerPayment(run, name)))]);
        }

        table.Add([OtherStep, .. runs.SelectMany(run => Cells(run, (0, Other(run))))]);
        table.Add(["the whole payment (mean latency)", .. runs.SelectMany(run => new[] { "", Number(run.Payments.Mean.TotalMilliseconds), "100%" })]);

        var text = new StringBuilder()
            .AppendLine("Where a payment's time goes: every database round trip timed (Npgsql's tracing and EF Core's commit events) and every")
            .AppendLine("gateway call, by one client and then by all, in runs of their own after the throughput phases. At one client a step's")
            .AppendLine("time is its own cost; under load it also holds the wait for a core, on either side.")
            .AppendLine()
            .AppendLine(table.ToString());
        foreach (var run in runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Commits per payment ({Clients(run)}): {Number(run.DurableCommits)} that wrote, each waiting for its WAL " +
                $"flush (explicit COMMITs, and writes sent outside a transaction); {Number(run.AllTransactions)} transactions in pg_stat_database's xact_commit.");
        }

        if (throughput is not null)
        {
            AppendBounds(text, loaded, throughput);
        }

        return text.AppendLine().ToString();
    }

    private static void AppendBounds(StringBuilder text, StepBreakdown loaded, ThroughputResults throughput)
    {
        var plain = throughput.Plain.PerSecond;
        text.AppendLine(CultureInfo.InvariantCulture, $"- Plain INSERT ran {Rate(plain, "rows/s")} in this run, one commit each. At {Number(loaded.DurableCommits)} " +
            $"commits that write per payment, commits alone would allow about {Rate(plain / Math.Max(1, loaded.DurableCommits), "payments/s")}.");
        if (throughput.Payments.Cpu is { } paymentsCpu && throughput.GatewayAlone.Cpu is { } gatewayCpu)
        {
            var rate = throughput.Payments.PerSecond;
            var app = CpuMsPerOperation(paymentsCpu.Benchmark, rate);
            var database = CpuMsPerOperation(paymentsCpu.Postgres, rate);
            var gateway = CpuMsPerOperation(gatewayCpu.Benchmark, throughput.GatewayAlone.PerSecond);
            text.AppendLine(CultureInfo.InvariantCulture, $"- CPU per payment: {Number(app)} ms in this process and {Number(database)} ms in PostgreSQL. The Stripe step alone costs " +
                $"{Number(gateway)} ms of this process's CPU per call (the adapter, HTTP on both ends, the simulator), so the core's own work is about " +
                $"{Number(app - gateway)} ms. {Environment.ProcessorCount} cores ÷ {Number(app + database)} ms = about " +
                $"{Rate(Environment.ProcessorCount * 1000 / (app + database), "payments/s")} with nothing else running.");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- The .NET runtime, during the payment slices: {Runtime(throughput.PaymentsRuntime, throughput.Payments)}; " +
            $"during the Stripe step alone: {Runtime(throughput.GatewayRuntime, throughput.GatewayAlone)}.");
    }

    private static string Runtime(RuntimeUsage usage, LatencySummary load) => load.Count == 0 ? None :
        $"{Number(usage.AllocatedBytes / 1024.0 / load.Count, "N0")} KB allocated per operation, GC pauses {Percent(usage.GcPause / load.Elapsed)} of the time " +
        $"({Count(usage.Gen2Collections)} gen 2 collections), {Count(usage.JitMethods)} methods compiled by the JIT (tiering up)";

    private static string Clients(StepBreakdown run) => ReportFormat.Clients(run.Clients);

    private static (double Calls, double Time) PerPayment(StepBreakdown run, string name)
    {
        var step = run.Steps.FirstOrDefault(s => s.Step == name);
        return step is null || run.Payments.Count == 0 ? (0, 0) : ((double)step.Count / run.Payments.Count, step.Time.TotalMilliseconds / run.Payments.Count);
    }

    private static double Other(StepBreakdown run) =>
        run.Payments.Count == 0 ? 0 : run.Payments.Mean.TotalMilliseconds - run.Steps.Sum(s => s.Time.TotalMilliseconds) / run.Payments.Count;

    private static string[] Cells(StepBreakdown run, (double Calls, double Time) perPayment) =>
    [
        perPayment.Calls == 0 ? "" : Number(perPayment.Calls),
        Number(perPayment.Time),
        run.Payments.Mean > TimeSpan.Zero ? Percent(perPayment.Time / run.Payments.Mean.TotalMilliseconds) : None,
    ];
}
