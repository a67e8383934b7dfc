using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Removes outbound webhook events older than the retention period, with their deliveries and attempts, once nothing of them is waiting.</summary>
public sealed class WebhookRetentionJob(WebhookRetention retention) : IPortalJob
{
    public string Id => "webhook-retention";

    public string Title => "Webhook retention";

    public string Description =>
        "Removes outbound webhook events older than Webhooks:Outbound:Retention (30 days by default), with their deliveries and attempts, unless a delivery is still waiting.";

    public string DefaultSchedule => "15 4 * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var removed = await retention.ApplyAsync(cancellationToken);
        return new JobResult(removed, 0, removed == 0 ? null : $"{removed} old event(s) removed.");
    }
}
