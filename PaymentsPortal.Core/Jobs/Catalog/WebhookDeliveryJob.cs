using PaymentsPortal.Core.Webhooks.Outbound.Delivery;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// The backstop of outbound webhooks: each instance's dispatcher delivers events moments after they commit and retries on
/// schedule; this run does the same pass every five minutes, so deliveries keep moving even where a dispatcher is stopped or its
/// LISTEN connection is down. Safe beside them: every delivery is claimed with a lease (SKIP LOCKED).
/// </summary>
public sealed class WebhookDeliveryJob(WebhookDispatchPass pass) : IPortalJob
{
    public string Id => "webhook-delivery";

    public string Title => "Outbound webhooks";

    public string Description =>
        "Sends merchants' webhook events that are due (new ones, and retries on their backoff schedule) to their endpoints. A receiver's failure is recorded on its delivery, not counted as this job's error.";

    public string DefaultSchedule => "2-59/5 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var result = await pass.RunAsync(cancellationToken, new Progress<int>(n => _ = progress.ReportAsync(n, null, cancellationToken)));
        var summary = result.Attempts == 0 && result.EventsFannedOut == 0
            ? null
            : $"{result.EventsFannedOut} event(s) queued; {result.Attempts} attempt(s): {result.Delivered} delivered, {result.Failures} failed at the receiver.";
        return new JobResult(result.Attempts, 0, summary);
    }
}
