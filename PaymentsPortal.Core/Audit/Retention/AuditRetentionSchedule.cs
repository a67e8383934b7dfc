using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Audit.Retention;

/// <summary>
/// Applies the retention policy at start-up and then every <see cref="AuditRetentionOptions.Interval"/>, when
/// enabled. Safe on several instances: each chain is handled under its head's row lock and a second run finds
/// nothing left to remove. A stand-in until jobs move to Hangfire.
/// </summary>
public sealed class AuditRetentionSchedule(
    AuditRetention retention, IOptions<AuditRetentionOptions> options, TimeProvider clock, ILogger<AuditRetentionSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Audit retention is off (Audit:Retention:Enabled); nothing is ever removed from the audit trail.");
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                var runs = await retention.ApplyAsync(stoppingToken);
                logger.LogInformation("Audit retention ran: {Chains} chain(s) shortened.", runs.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database outage must not stop the host; the next tick tries again.
                logger.LogError(ex, "Applying audit retention failed; retrying in {Interval}.", options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
