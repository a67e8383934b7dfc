using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>
/// Rolls up closed days at start-up and then every <see cref="Interval"/>. Every instance runs this; the per-merchant
/// advisory lock makes a second instance skip what the first is doing, and a run repeats nothing harmful. A stand-in
/// until jobs move to Hangfire.
/// </summary>
public sealed partial class PaymentDailyStatsSchedule(PaymentDailyStatsRollup rollup, TimeProvider clock, ILogger<PaymentDailyStatsSchedule> logger)
    : BackgroundService
{
    /// <summary>Dirty days are read live until recomputed, so this bounds cost, not correctness.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var days = await rollup.RollAllAsync(stoppingToken);
                LogRolled(logger, days);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A database outage must not stop the host; the dashboard reads live meanwhile, and the next tick retries.
                LogFailed(logger, error, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment daily totals: {Days} days written")]
    private static partial void LogRolled(ILogger logger, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rolling up payment daily totals failed; retrying in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception error, TimeSpan interval);
}
