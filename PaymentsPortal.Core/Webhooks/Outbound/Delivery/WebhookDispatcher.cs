using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>
/// Delivers events moments after they commit. One LISTEN connection per instance hears the outbox trigger's notification (and
/// replays'); the dispatcher then runs a <see cref="WebhookDispatchPass"/> and sleeps until the next retry falls due, a
/// notification comes, or <see cref="OutboundWebhookOptions.FallbackPollInterval"/> passes, in case a notification was missed
/// while the connection was down. It also runs a pass at start-up, so a restart picks up what was waiting. State lives only in
/// the database, so instances can come and go; two passes at once never take the same delivery. Runs where the instance runs
/// jobs (<see cref="JobsOptions.RunServer"/>).
/// </summary>
public sealed partial class WebhookDispatcher(
    string connectionString, OutboundWebhookSignal signal, WebhookDispatchPass pass, WebhookDeliveryQueue queue, IOptions<OutboundWebhookOptions> options,
    IOptions<JobsOptions> jobs, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan[] Reconnect = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>True while the LISTEN connection is up.</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.RunServer)
        {
            return;
        }

        var listening = ListenAsync(stoppingToken);
        try
        {
            var wait = TimeSpan.Zero;
            while (!stoppingToken.IsCancellationRequested)
            {
                await signal.WaitAsync(wait, clock, stoppingToken);
                wait = await PassAsync(stoppingToken);
            }
        }
        finally
        {
            await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<TimeSpan> PassAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.FallbackPollInterval;
        try
        {
            await pass.RunAsync(stoppingToken);
            var untilDue = await queue.NextDueAsync(stoppingToken) - clock.GetUtcNow();
            return untilDue is null || untilDue > poll ? poll : untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue.Value;
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogPassFailed(logger, error, poll);
            return poll;
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Raise();
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboundWebhookSignal.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                IsListening = true;
                failures = 0;

                // Whatever was written while the connection was down was not heard: look now.
                signal.Raise();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                IsListening = false;
                var wait = Reconnect[Math.Min(failures++, Reconnect.Length - 1)];
                LogListenFailed(logger, error, wait);
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        IsListening = false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook dispatch pass failed; trying again in {Wait}")]
    private static partial void LogPassFailed(ILogger logger, Exception error, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for webhook events failed; polling until it reconnects in {Wait}")]
    private static partial void LogListenFailed(ILogger logger, Exception error, TimeSpan wait);
}
