using PaymentsPortal.Core.Gateways.Sync;

namespace PaymentsPortal.Core.Jobs.Catalog;

/// <summary>
/// Reads back each merchant's gateway events (payments, refunds, disputes, payouts) and applies those whose webhook never came.
/// Safe on two instances: each gateway is read under a lease, and the inbox stores an event once however often it is read.
/// </summary>
public sealed class GatewaySyncJob(GatewaySync sync) : IPortalJob
{
    public string Id => "gateway-sync";

    public string Title => "Gateway sync";

    public string Description =>
        "Reads back each merchant's recent gateway events (payments, refunds, disputes, payouts) and applies any whose webhook never arrived.";

    // Every 15 minutes: webhooks bring changes within seconds; this is the net under them, and each run costs gateway API calls.
    public string DefaultSchedule => "4-59/15 * * * *";

    public async Task<JobResult> RunAsync(JobProgress progress, CancellationToken cancellationToken)
    {
        var results = await sync.SyncAllAsync(cancellationToken);
        var failed = results.Where(r => r.Outcome == GatewaySyncOutcome.Failed).ToList();
        var read = results.Sum(r => r.Read);
        var caught = results.Sum(r => r.Caught);
        await progress.ReportAsync(results.Count, results.Count, cancellationToken);
        if (results.Count == 0)
        {
            return JobResult.Nothing;
        }

        var summary = $"{results.Count(r => r.Outcome == GatewaySyncOutcome.Synced)} of {results.Count} gateway(s) read, {read} event(s), "
            + $"{caught} that never arrived by webhook";
        if (failed.Count > 0)
        {
            summary += "; could not read: " + string.Join(", ", failed.Select(f => $"{f.Gateway} for merchant {f.MerchantId}"));
        }

        return new JobResult(read, failed.Count, summary + ".");
    }
}
