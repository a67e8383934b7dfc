using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Jobs;

namespace PaymentsPortal.Core.Banking.Transactions;

/// <summary>
/// Reads a link moments after Plaid says it has new transactions, rather than at the next quarter-hourly bank-sync run: the
/// SYNC_UPDATES_AVAILABLE handler marks the link and, once that commits, wakes this loop, which reads every link asking to be read.
/// The job stays the backstop for a signal this instance never acted on (it stopped, or Plaid failed). Runs where the instance runs
/// jobs (<see cref="JobsOptions.RunServer"/>), like the inbox processing that raises the signal; a link read here and by the job at
/// once is stored once (the sync's row lock and cursor check).
/// </summary>
public sealed partial class BankSyncDrain(
    BankSyncSignal signal, BankTransactionSync sync, IOptions<JobsOptions> jobs, TimeProvider clock, ILogger<BankSyncDrain> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.RunServer)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(Timeout.InfiniteTimeSpan, clock, stoppingToken);
            try
            {
                var results = await sync.SyncRequestedAsync(stoppingToken);
                LogRead(logger, results.Count, results.Count(r => r.Outcome == BankSyncOutcome.Failed));
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The links stay marked; the bank-sync job reads them.
                LogFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plaid had news: read {Links} bank link(s), {Failed} could not be read")]
    private static partial void LogRead(ILogger logger, int links, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the bank links Plaid had news for failed; the bank-sync job will read them")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
