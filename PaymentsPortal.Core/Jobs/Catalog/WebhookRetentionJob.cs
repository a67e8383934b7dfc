using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Removes outbound webhook events older than their retention period, with their deliveries and attempts, once nothing of them is
/// waiting; and inbound events older than theirs, once processed or ignored.
/// </summary>
public sealed class WebhookRetentionJob(WebhookRetention retention, WebhookInboxRetention inbox) : IPortalJob
{
    public string Id => "webhook-retention";

    public string Title => "Webhook retention";

    public string Description =>
        "Removes outbound webhook events older than Webhooks:Outbound:Retention (30 days by default), with their deliveries and attempts, unless a delivery is still waiting; "
        + "and processed or ignored inbound events older than Webhooks:Inbound:Retention (90 days by default).";

    public string DefaultSchedule => "15 4 * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var outbound = await retention.ApplyAsync(cancellationToken);
        var inbound = await inbox.ApplyAsync(cancellationToken);
        var removed = (int)Math.Min(int.MaxValue, outbound + inbound);
        return new JobResult(removed, 0, removed == 0 ? null : $"{outbound} outbound and {inbound} inbound old event(s) removed.");
    }
}
