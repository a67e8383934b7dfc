using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Asks the gateway again, under the refund's own key, about refunds whose answer was lost.</summary>
public sealed class RefundReconciliationJob(RefundReconciliation reconciliation) : IPortalJob
{
    public string Id => "refund-reconciliation";

    public string Title => "Refund reconciliation";

    public string Description =>
        "Settles refunds whose gateway answer was lost, or that a crash left in flight, by asking the gateway again under the refund's own idempotency key.";

    public string DefaultSchedule => "* * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var refunds = await reconciliation.ReconcileDueAsync(200, cancellationToken);
        return new JobResult(refunds, 0, refunds == 0 ? null : $"{refunds} refund(s) asked about again.");
    }
}
