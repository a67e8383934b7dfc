using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Applies events as soon as this instance stored them, so a 3-D Secure payment completed in the browser or a lost reply is
/// settled within moments rather than at the next run of the <c>webhook-inbox</c> job. An event that arrived before the
/// portal had recorded its side (the provider can be quicker than our own reply) is deferred by seconds, so the drain also
/// wakes for retries due within <see cref="Horizon"/>. The job stays the backstop: it takes what a stopped instance left, and
/// the later retries. Runs where the instance runs jobs (<see cref="JobsOptions.RunServer"/>); two instances draining at once
/// never take the same event (SKIP LOCKED).
/// </summary>
public sealed partial class WebhookInboxDrain(
    WebhookInboxSignal signal, WebhookInboxProcessor processor, IOptions<JobsOptions> jobs, TimeProvider clock, ILogger<WebhookInboxDrain> logger)
    : BackgroundService
{
    /// <summary>Retries due further away than this are left to the job, which runs every minute.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(30);

    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.RunServer)
        {
            return;
        }

        var wait = Timeout.InfiniteTimeSpan;
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(wait, clock, stoppingToken);
            wait = await DrainAsync(stoppingToken);
        }
    }

    /// <summary>Processes everything due, then says how long to sleep before the next retry this drain should take.</summary>
    private async Task<TimeSpan> DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await processor.ProcessPendingAsync(BatchSize, stoppingToken) == BatchSize)
            {
                // A full batch: there may be more due.
            }

            var nextDue = await processor.NextDueAsync(stoppingToken);
            var untilDue = nextDue - clock.GetUtcNow();
            return untilDue is null || untilDue > Horizon ? Timeout.InfiniteTimeSpan : untilDue.Value < TimeSpan.Zero ? TimeSpan.Zero : untilDue.Value;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The events stay Pending; the next signal or the webhook-inbox job takes them.
            LogFailed(logger, error);
            return Timeout.InfiniteTimeSpan;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining the webhook inbox failed; the webhook-inbox job will take the events")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
