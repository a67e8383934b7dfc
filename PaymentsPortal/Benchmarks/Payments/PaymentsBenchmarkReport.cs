using System.Text;
using static PaymentsPortal.Benchmarks.Payments.ReportFormat;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// The results as Markdown tables with each target and whether it was met, ready to paste into the README: throughput
/// against the plain INSERT baseline, failover, and where a payment's time goes.
/// </summary>
internal sealed class PaymentsBenchmarkReport(string heading)
{
    public const double PaymentsTarget = 1_000;
    public const int PaidTimeoutTarget = 10;
    public static readonly TimeSpan AddedP99Target = TimeSpan.FromMilliseconds(5);

    public const string CpuNote =
        "cores: CPU used by the benchmark process (the portal's code and both simulators), by its PostgreSQL, and by everything " +
        "else on the machine, during the phase (a busy machine makes every number lower).";

    private readonly StringBuilder sections = new();

    public void AddThroughput(ThroughputResults results, PaymentsBenchmarkOptions options)
    {
        var table = new MarkdownTable("phase", "throughput", "p50", "p99", "max", "vs baseline", "cores: bench/pg/other", "target", "result")
        {
            TextColumns = [0, 7],
        };
        table.Add([$"plain INSERT, {Clients(options.Clients)} (the baseline)", Rate(results.Plain.PerSecond, "rows/s"), .. Latencies(results.Plain),
            "100%", Cpu(results.Plain.Cpu), None, ""]);

        var paid = results.Payments;
        var succeededPerSecond = (paid.Count - results.PaymentsNotSucceeded) / paid.Elapsed.TotalSeconds;
        var failures = results.PaymentsNotSucceeded == 0 ? "" : $" ({Count(results.PaymentsNotSucceeded)} not Succeeded, left out)";
        table.Add([$"payments through the core, {Clients(options.Clients)} on {Merchants(options.Merchants)}{failures}", Rate(succeededPerSecond, "payments/s"),
            .. Latencies(paid), Percent(succeededPerSecond / results.Plain.PerSecond), Cpu(paid.Cpu), "≥ 1,000 payments/s", Verdict(succeededPerSecond >= PaymentsTarget)]);

        var alone = results.GatewayNotSucceeded == 0 ? "" : $" ({Count(results.GatewayNotSucceeded)} not Succeeded)";
        table.Add([$"the Stripe step alone, no database, {Clients(options.Clients)} (for reference){alone}", Rate(results.GatewayAlone.PerSecond, "calls/s"),
            .. Latencies(results.GatewayAlone), Percent(results.GatewayAlone.PerSecond / results.Plain.PerSecond), Cpu(results.GatewayAlone.Cpu), None, ""]);
        sections.AppendLine(table.ToString()).AppendLine(CpuNote).AppendLine();
    }

    public void AddFailover(FailoverResults results)
    {
        var table = new MarkdownTable(
            $"failover: Stripe hard down, {Count(results.Clients)} concurrent checkouts on {Merchants(results.Merchants)}, Stripe timeout {Number(results.PrimaryTimeout.TotalMilliseconds, "N0")} ms",
            "measured", "p50", "p99", "max", "target", "result")
        {
            TextColumns = [0, 1, 5],
        };
        var healthy = results.Healthy;
        table.Add(["healthy: the chooser, then pay on Stripe (10 s before the second outage; the reference)", Rate(healthy.PerSecond, "payments/s"),
            .. Latencies(healthy), None, ""]);
        foreach (var outage in new[] { results.FromQuiet, results.AfterLoad })
        {
            var opened = outage.TimeToOpen is { } t ? $"breaker open {Seconds(t)} after the fault" : "breaker did not open within 1 min";
            table.Add([$"{outage.Name}: requests that paid Stripe's timeout before its breaker opened", $"{Count(outage.PaidTimeout)} ({opened})",
                None, None, None, $"≤ {PaidTimeoutTarget}", Verdict(outage.TimeToOpen is not null && outage.PaidTimeout <= PaidTimeoutTarget)]);
            var added = outage.Open.P99 - healthy.P99;
            var offered = outage.OpenOfferedPrimary == 0 ? "" : $", {Count(outage.OpenOfferedPrimary)} still offered Stripe";
            var failed = outage.OpenNotSucceeded == 0 ? "" : $", {Count(outage.OpenNotSucceeded)} not Succeeded";
            table.Add([$"{outage.Name}: checkout while the breaker is open (on Braintree), {Seconds(outage.Open.Elapsed)}",
                outage.Open.Count == 0 ? None : $"{Rate(outage.Open.PerSecond, "payments/s")}, p99 {SignedMs(added)}{offered}{failed}",
                .. Latencies(outage.Open), "≤ 5 ms added at p99", outage.Open.Count == 0 ? "" : Verdict(added <= AddedP99Target && outage.OpenNotSucceeded == 0)]);
        }

        table.Add(["payments parked in RequiresReconciliation (their Stripe attempt timed out), both outages",
            Count(results.FromQuiet.Parked + results.AfterLoad.Parked), None, None, None, None, ""]);
        var recovery = results.Recovery;
        table.Add([$"Stripe healthy again, its 15 s break over ({Seconds(recovery.SinceOpened)} after it opened), checkout traffic only",
            $"breaker {recovery.StateAfterBreak}; checkout offers {recovery.OfferedAfterBreak?.ToString() ?? "nothing"}", None, None, None, None, ""]);
        table.Add(["then one payment with a Stripe token (an API client's saved card)",
            $"{recovery.ProbeStatus?.ToString() ?? "rejected"}; breaker {recovery.StateAfterProbe}; checkout offers {recovery.OfferedAfterProbe?.ToString() ?? "nothing"}",
            None, None, None, None, ""]);
        sections.AppendLine(table.ToString()).AppendLine(FailoverNote(results)).AppendLine();
    }

    public void AddBreakdown(IReadOnlyList<StepBreakdown> runs, ThroughputResults? throughput) =>
        sections.Append(StepBreakdownReport.Format(runs, throughput));

    public override string ToString() => new StringBuilder().AppendLine(heading).AppendLine().Append(sections).ToString();

    private static string FailoverNote(FailoverResults results) =>
        "A request pays the timeout when its Stripe attempt ends Unknown (counted in payment_attempts). The open rows count only " +
        "checkouts that started after the breaker was seen open and ended within its 15 s break, so no half-open probe is among " +
        $"them; \"p99 +x ms\" is their p99 minus the healthy p99 of the same {Clients(results.Clients)} with the same chooser step.";
}
