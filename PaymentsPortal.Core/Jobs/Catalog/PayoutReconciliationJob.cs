using PaymentsPortal.Core.Banking.Reconciliation;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Pairs payouts with the bank deposits they became, where the pair is certain. Safe on two instances: each merchant is matched
/// under an advisory lock, and the match table's keys refuse a second match of either side.
/// </summary>
public sealed class PayoutReconciliationJob(PayoutReconciliation reconciliation) : IPortalJob
{
    public string Id => "payout-reconciliation";

    public string Title => "Payout reconciliation";

    public string Description => "Matches gateway payouts with bank deposits (same amount and currency, within the date window) where only one pairing is possible.";

    // Hourly: bank data arrives a few times a day, and a match an hour late costs nothing.
    public string DefaultSchedule => "23 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var made = await reconciliation.MatchAllAsync(cancellationToken);
        await progress.ReportAsync(1, 1, cancellationToken);
        return made == 0 ? JobResult.Nothing : new JobResult(made, 0, $"{made} payout(s) matched with their deposits.");
    }
}
