using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Takes a checkpoint at start-up and then every <see cref="AuditCheckpointOptions.CheckpointInterval"/>.
/// Every instance runs this; the advisory lock and the age check make one checkpoint per interval in
/// total. A stand-in until jobs move to Hangfire.
/// </summary>
public sealed class AuditCheckpointSchedule(
    AuditCheckpoints checkpoints, IOptions<AuditCheckpointOptions> options, TimeProvider clock, ILogger<AuditCheckpointSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval;
        // Instances tick at different phases; accepting a checkpoint 10% younger than the interval stops the
        // instance that took the last one from skipping its next turn because its own checkpoint is a moment too young.
        var minimumAge = interval * 0.9;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var result = await checkpoints.CreateIfDueAsync(minimumAge, stoppingToken);
                logger.LogDebug("Scheduled audit checkpoint: {Outcome}.", result.Outcome);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database outage must not stop the host; the next tick tries again.
                logger.LogError(ex, "Taking an audit checkpoint failed; retrying in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
