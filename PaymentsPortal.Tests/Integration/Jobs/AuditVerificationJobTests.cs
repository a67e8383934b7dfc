using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Jobs.Catalog;
using PaymentsPortal.Tests.Integration.Audit;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Jobs;

[Trait("Tier", "Integration")]
public sealed class AuditVerificationJobTests
{
    [Fact]
    public async Task Run_EveryChainIntact_SucceedsAndRecordsEachVerdictOnItsChain()
    {
        await using var host = await CoreHost.StartAsync();
        await AuditTestChains.AppendAsync(host, null, "platform");
        await AuditTestChains.AppendAsync(host, await host.MerchantIdAsync(DemoData.DemoCoffee), "merchant");
        await AuditTestChains.AppendAsync(host, await host.MerchantIdAsync(DemoData.Northwind), "merchant");
        var chains = await ChainCountAsync(host);
        Assert.Equal(3, chains);

        await host.Service<JobRunner>().RunAsync("audit-verification", JobTrigger.Schedule, null, null, CancellationToken.None);

        await using var db = host.Context(null);
        var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.JobId == "audit-verification");
        Assert.Equal((JobRunStatus.Succeeded, chains, 0), (run.Status, run.ItemsProcessed, run.Errors));
        Assert.Equal(chains, await db.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.Action == AuditAction.AuditVerified && e.Outcome == AuditOutcome.Success));
        Assert.Equal(0, await host.Service<JobsOverview>().AlertCountAsync());
    }

    [Fact]
    public async Task Run_AMerchantChainEdited_EndsWithErrorsNamingTheChainAndRaisesTheAlert()
    {
        await using var host = await CoreHost.StartAsync();
        var merchant = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await AuditTestChains.AppendAsync(host, merchant, "first");
        await AuditTestChains.AppendAsync(host, merchant, "second");
        await AuditTestChains.TamperAsync(host, $"UPDATE audit_entries SET reason = 'rewritten' WHERE merchant_id = '{merchant}' AND reason = 'second'");

        await host.Service<JobRunner>().RunAsync("audit-verification", JobTrigger.Schedule, null, null, CancellationToken.None);

        await using var db = host.Context(null);
        var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.JobId == "audit-verification");
        Assert.Equal((JobRunStatus.CompletedWithErrors, 1), (run.Status, run.Errors));
        Assert.Contains(merchant.ToString(), run.Summary, StringComparison.Ordinal);
        Assert.Equal(1, await host.Service<JobsOverview>().AlertCountAsync());
        await using var merchantDb = host.Context(merchant);
        Assert.Equal(AuditOutcome.Failure, (await merchantDb.AuditEntries.AsNoTracking()
            .Where(e => e.MerchantId == merchant && e.Action == AuditAction.AuditVerified).SingleAsync()).Outcome);
        Assert.Equal(AuditOutcome.Failure, (await db.AuditEntries.AsNoTracking()
            .Where(e => e.MerchantId == AuditEntry.PlatformChain && e.Action == AuditAction.JobRunCompleted).SingleAsync()).Outcome);
    }

    [Fact]
    public async Task Job_RunDirectly_ReportsProgressPerChain()
    {
        await using var host = await CoreHost.StartAsync();
        await AuditTestChains.AppendAsync(host, null, "platform");
        await AuditTestChains.AppendAsync(host, await host.MerchantIdAsync(DemoData.DemoCoffee), "merchant");
        var job = host.Service<IEnumerable<IPortalJob>>().OfType<AuditVerificationJob>().Single();
        var reported = new List<(long Done, long? Total)>();
        var progress = new JobProgress((done, total, _) => { reported.Add((done, total)); return Task.CompletedTask; }, new ManualClock(DateTimeOffset.UnixEpoch));

        var result = await job.RunAsync(progress, CancellationToken.None);

        Assert.Equal((2, 0), (result.ItemsProcessed, result.Errors));
        // The clock never moves, so only the first report is written through: progress is throttled, not lost.
        Assert.Equal([(1L, (long?)result.ItemsProcessed)], reported);
        Assert.Equal(result.ItemsProcessed, progress.Done);
    }

    private static async Task<int> ChainCountAsync(CoreHost host)
    {
        await using var db = host.Context(null);
        return await db.AuditChainHeads.IgnoreQueryFilters().CountAsync();
    }
}
