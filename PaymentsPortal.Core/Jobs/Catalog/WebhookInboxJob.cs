using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Applies the gateway events the webhook endpoints stored, one event per transaction, until the inbox has nothing due
/// (events waiting for a retry included). Safe on two instances: each event is claimed with SKIP LOCKED.
/// </summary>
public sealed class WebhookInboxJob(WebhookInboxProcessor processor) : IPortalJob
{
    private const int BatchSize = 500;

    // A run drains the backlog in batches, but stops after this many so it never holds its lock for long.
    private const int MaxBatchesPerRun = 20;

    public string Id => "webhook-inbox";

    public string Title => "Inbound webhooks";

    public string Description =>
        "Applies the events Stripe and Braintree sent (stored by the webhook endpoints) to payments and refunds, exactly once each, and retries events that failed.";

    // Every five minutes: the drain applies an event the moment the intake stores it, and retries within 30 s; this run is for an
    // instance that stopped with events waiting.
    public string DefaultSchedule => "1-59/5 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var handled = await processor.ProcessPendingAsync(BatchSize, cancellationToken);
            total += handled;
            await progress.ReportAsync(total, null, cancellationToken);
            if (handled < BatchSize)
            {
                break;
            }
        }

        return new JobResult(total, 0, total == 0 ? null : $"{total} event(s) handled.");
    }
}
