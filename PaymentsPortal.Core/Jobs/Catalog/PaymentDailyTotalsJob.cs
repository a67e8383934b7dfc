using PaymentsPortal.Core.Payments.Dashboard;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Rolls closed days up into the dashboard's daily totals. Dirty days are read live until then, so this bounds cost, not correctness.</summary>
public sealed class PaymentDailyTotalsJob(PaymentDailyStatsRollup rollup) : IPortalJob
{
    public string Id => "payment-daily-totals";

    public string Title => "Dashboard daily totals";

    public string Description => "Computes each merchant's totals for closed days (and recomputes days a late change made dirty), so the dashboard's long periods read a few rows.";

    public string DefaultSchedule => "*/5 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var days = await rollup.RollAllAsync(cancellationToken);
        return new JobResult(days, 0, days == 0 ? null : $"{days} merchant-day(s) rolled up.");
    }
}
