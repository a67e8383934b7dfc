using PaymentsPortal.Core.Payments.Reconciliation;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>Settles payments whose gateway answer was lost or whose walk stalled, and watches abandoned attempts for late charges.</summary>
public sealed class PaymentReconciliationJob(PaymentReconciliation reconciliation, OrphanedCharges orphans) : IPortalJob
{
    private const int BatchSize = 200;

    public string Id => "payment-reconciliation";

    public string Title => "Payment reconciliation";

    public string Description =>
        "Looks up payments whose gateway answer was lost (and payments stalled mid-walk) at their gateway, and gives back charges that turn up late for abandoned attempts.";

    public string DefaultSchedule => "* * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var payments = await reconciliation.ReconcileDueAsync(BatchSize, cancellationToken);
        await progress.ReportAsync(payments, null, cancellationToken);
        var checkedAttempts = await orphans.SweepDueAsync(BatchSize, cancellationToken);
        return new JobResult(payments + checkedAttempts, 0,
            payments + checkedAttempts == 0 ? null : $"{payments} payment(s) looked up; {checkedAttempts} abandoned attempt(s) checked for late charges.");
    }
}
