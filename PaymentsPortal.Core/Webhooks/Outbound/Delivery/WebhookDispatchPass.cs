using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>What one pass did.</summary>
public sealed record DispatchPassResult(int EventsFannedOut, int Attempts, int Delivered, int Failures);

/// <summary>
/// One pass of the dispatcher: fan every new event out into deliveries, then send due deliveries in claimed batches, several
/// at once, until none is due. The dispatcher runs it when woken; the webhook-delivery job runs it every minute as a backstop.
/// </summary>
public sealed partial class WebhookDispatchPass(
    WebhookDeliveryQueue queue, WebhookSender sender, WebhookDeliveryRecorder recorder, IOptions<OutboundWebhookOptions> options,
    ILogger<WebhookDispatchPass> logger)
{
    private const int FanOutBatch = 500;

    public async Task<DispatchPassResult> RunAsync(CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        var fannedOut = 0;
        int taken;
        while ((taken = await queue.FanOutAsync(FanOutBatch, cancellationToken)) > 0)
        {
            fannedOut += taken;
        }

        var settings = options.Value;
        var (attempts, delivered, failures) = (0, 0, 0);
        while (true)
        {
            var batch = await queue.ClaimDueAsync(settings.MaxConcurrency * 2, settings.Lease, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
                async (claimed, token) =>
                {
                    var result = await sender.SendAsync(claimed, token);
                    try
                    {
                        await recorder.RecordAsync(claimed, result, token);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        // The lease lapses and the delivery is sent again: at least once, never lost.
                        LogRecordFailed(logger, error, claimed.Id);
                    }

                    Interlocked.Increment(ref attempts);
                    if (result.Succeeded)
                    {
                        Interlocked.Increment(ref delivered);
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
            progress?.Report(attempts);
        }

        return new DispatchPassResult(fannedOut, attempts, delivered, failures);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording webhook delivery {DeliveryId} failed; it is sent again once its lease lapses")]
    private static partial void LogRecordFailed(ILogger logger, Exception error, Guid deliveryId);
}
