using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Identity.StepUp;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>
/// Runs the expiry sweep (and forgets old step-ups) on an interval in every instance. A stop-gap
/// until the jobs issue brings Hangfire; the sweep itself is safe to run on two instances at once.
/// </summary>
public sealed class AccessGrantSweeper(
    AccessGrantExpiry expiry,
    StepUpAuthentication stepUps,
    IOptions<AccessGrantOptions> options,
    TimeProvider clock,
    ILogger<AccessGrantSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                var expired = await expiry.ExpireDueAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Recorded the expiry of {Count} temporary access grants.", expired);
                }

                await stepUps.PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; a database blip must not stop the sweep for good.
                logger.LogError(exception, "The temporary access sweep failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
