using PaymentsPortal.Core.Banking.Transactions;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Reads linked banks' accounts, cached balances and transactions from Plaid: the links Plaid said have news (SYNC_UPDATES_AVAILABLE)
/// that were not read at once, and every link at least every six hours. Safe on two instances: a link's changes are stored under its row lock, and only by the run
/// that began from the stored cursor.
/// </summary>
public sealed class BankSyncJob(BankTransactionSync sync) : IPortalJob
{
    public string Id => "bank-sync";

    public string Title => "Bank sync";

    public string Description => "Reads linked banks' accounts, balances and transactions from Plaid (when Plaid has news, and every six hours) and matches new deposits with payouts.";

    // Every 15 minutes: Plaid's news is read at once by BankSyncDrain, so this run is the backstop for a link an instance marked but
    // never read; a run with nothing due reads nothing at Plaid.
    public string DefaultSchedule => "6-59/15 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var results = await sync.SyncDueAsync(cancellationToken);
        await progress.ReportAsync(results.Count, results.Count, cancellationToken);
        if (results.Count == 0)
        {
            return JobResult.Nothing;
        }

        var failed = results.Where(r => r.Outcome == BankSyncOutcome.Failed).ToList();
        var changed = results.Sum(r => r.Added + r.Modified + r.Removed);
        var summary = $"{results.Count - failed.Count} of {results.Count} bank link(s) read: {results.Sum(r => r.Added)} new, "
            + $"{results.Sum(r => r.Modified)} changed, {results.Sum(r => r.Removed)} withdrawn transaction(s)";
        if (failed.Count > 0)
        {
            summary += "; could not read: " + string.Join("; ", failed.Select(f => $"link {f.LinkId} ({f.Error})"));
        }

        return new JobResult(changed, failed.Count, summary + ".");
    }
}
