using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Jobs;

/// <summary>Real Hangfire servers on the test's PostgreSQL: how portal jobs are queued, retried and scheduled.</summary>
[Trait("Tier", "Integration")]
public sealed class HangfireJobsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunNow_EnqueuedJob_RunsOnceRecordedAndAudited()
    {
        await using var host = await CoreHost.StartAsync(settings: JobTestHost.Settings(),
            configure: s => s.AddSingleton<IPortalJob>(sp => new EffectJob(TestConnection(sp), "test-once")));
        await JobTestHost.CreateEffectsTableAsync(host.Database);
        var server = await JobTestHost.StartServerAsync(host);
        var admin = await host.ResolveAsync(DemoData.PlatformAdminEmail);

        var queued = await host.Service<JobRequests>().RunNowAsync(admin, "test-once");
        Assert.True(queued.Succeeded, queued.Error);
        await WaitForStateAsync(host, queued.Value!, "Succeeded");
        await server.StopAsync();

        Assert.Equal(1, await JobTestHost.ScalarAsync(host.Database, "SELECT count(*) FROM test_job_effects"));
        await using var db = host.Context(null);
        var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.JobId == "test-once");
        Assert.Equal((JobRunStatus.Succeeded, JobTrigger.Manual, 1, queued.Value), (run.Status, run.Trigger, run.ItemsProcessed, run.BackgroundJobId));
        Assert.Equal("Pat Platform", run.RequestedByName);
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.MerchantId == AuditEntry.PlatformChain && e.TargetId == "test-once")
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.JobRunRequested, AuditAction.JobRunCompleted], actions);
    }

    [Fact]
    public async Task Retry_JobCrashedMidway_FinishesTheRestWithoutRepeatingWhatWasDone()
    {
        await using var host = await CoreHost.StartAsync(settings: JobTestHost.Settings(),
            configure: s => s.AddSingleton<IPortalJob>(sp => new CrashingBatchJob(TestConnection(sp), crashAfter: 3)));
        await JobTestHost.CreateEffectsTableAsync(host.Database);
        await AuditTestData.ExecuteAsync(host.Database.OwnerConnectionString, "INSERT INTO test_job_items (item) SELECT generate_series(1, 8)");
        var server = await JobTestHost.StartServerAsync(host);
        var admin = await host.ResolveAsync(DemoData.PlatformAdminEmail);

        var queued = await host.Service<JobRequests>().RunNowAsync(admin, "test-crashing-batch");
        // Hangfire's own retry after its delay (15 s), not a test shortcut.
        await WaitForStateAsync(host, queued.Value!, "Succeeded");
        await server.StopAsync();

        Assert.Equal(0, await JobTestHost.ScalarAsync(host.Database, "SELECT count(*) FROM test_job_items WHERE processed <> 1"));
        await using var db = host.Context(null);
        var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobId == "test-crashing-batch").OrderBy(r => r.StartedAt).ToListAsync();
        Assert.Equal([(JobRunStatus.Failed, 0), (JobRunStatus.Succeeded, 1)], runs.Select(r => (r.Status, r.Attempt)));
        Assert.Equal(5, runs[1].ItemsProcessed);
        Assert.Equal("Failed with InvalidOperationException; see the application log.", runs[0].Summary);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditAction.JobRunFailed && e.TargetId == "test-crashing-batch"));
    }

    [Fact]
    public async Task RecurringJob_TwoInstancesOnOneDatabase_RunEachOccurrenceOnce()
    {
        static void AddJob(IServiceCollection services) =>
            services.AddSingleton<IPortalJob>(sp => new EffectJob(TestConnection(sp), "test-every-2s", "*/2 * * * * *"));
        await using var first = await CoreHost.StartAsync(settings: JobTestHost.Settings(), configure: AddJob);
        await JobTestHost.CreateEffectsTableAsync(first.Database);
        await using var second = first.AnotherInstance(JobTestHost.Settings(), AddJob);
        var servers = new[] { await JobTestHost.StartServerAsync(first), await JobTestHost.StartServerAsync(second) };

        await Eventually.UntilAsync(() => JobTestHost.ScalarAsync(first.Database, "SELECT count(*) FROM test_job_effects"), n => n >= 6, Timeout,
            "six runs of the two-second job");
        foreach (var server in servers)
        {
            await server.StopAsync();
        }

        await using var db = first.Context(null);
        var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobId == "test-every-2s").ToListAsync();
        // A run that starts while the previous occurrence still holds the job (the first run of a cold process can take
        // seconds) is skipped by the job's lock: that occurrence's work waits for the next, and is never done twice.
        Assert.All(runs, r => Assert.Contains(r.Status, new[] { JobRunStatus.Succeeded, JobRunStatus.Skipped }));
        Assert.Equal(await JobTestHost.ScalarAsync(first.Database, "SELECT count(*) FROM test_job_effects"), runs.Count(r => r.Status == JobRunStatus.Succeeded));
        // Each occurrence of the schedule becomes one background job carrying its time; a second instance firing the same
        // occurrence would show up as two jobs with one time.
        using var connection = first.Service<JobStorage>().GetConnection();
        var times = runs.Select(r => connection.GetJobParameter(r.BackgroundJobId, "Time")).ToList();
        Assert.All(times, t => Assert.False(string.IsNullOrEmpty(t)));
        Assert.Equal(times.Count, times.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(runs.Count, runs.Select(r => r.BackgroundJobId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task RunNow_WhileARunHoldsTheJob_IsRecordedAsSkipped()
    {
        await using var host = await CoreHost.StartAsync(settings: JobTestHost.Settings(),
            configure: s => s.AddSingleton<IPortalJob>(sp => new EffectJob(TestConnection(sp), "test-locked")));
        await JobTestHost.CreateEffectsTableAsync(host.Database);
        await using var holder = new Npgsql.NpgsqlConnection(host.Database.AppConnectionString);
        await holder.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('job:test-locked', 0))", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var server = await JobTestHost.StartServerAsync(host);
        var queued = await host.Service<JobRequests>().RunNowAsync(await host.ResolveAsync(DemoData.PlatformAdminEmail), "test-locked");
        await WaitForStateAsync(host, queued.Value!, "Succeeded");
        await server.StopAsync();

        Assert.Equal(0, await JobTestHost.ScalarAsync(host.Database, "SELECT count(*) FROM test_job_effects"));
        await using var db = host.Context(null);
        Assert.Equal(JobRunStatus.Skipped, (await db.JobRuns.AsNoTracking().SingleAsync(r => r.JobId == "test-locked")).Status);
    }

    [Fact]
    public async Task RunNow_WithoutThePermission_IsRefusedAndQueuesNothing()
    {
        await using var host = await CoreHost.StartAsync(settings: JobTestHost.Settings());
        var merchantAdmin = await host.ResolveAsync("admin@demo.local");

        var result = await host.Service<JobRequests>().RunNowAsync(merchantAdmin, "payment-reconciliation");

        Assert.False(result.Succeeded);
        Assert.Equal(0, host.Service<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));
    }

    /// <summary>The app role's connection string, read when the job runs (the service provider is still being built when it is registered).</summary>
    private static Func<string> TestConnection(IServiceProvider services) => () =>
    {
        using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateScope();
        return scope.ServiceProvider.GetRequiredService<PaymentsPortal.Core.Persistence.PortalDbContext>().Database.GetConnectionString()!;
    };

    private static async Task WaitForStateAsync(CoreHost host, string backgroundJobId, string state)
    {
        var monitoring = host.Service<JobStorage>().GetMonitoringApi();
        await Eventually.UntilAsync(() => Task.FromResult(monitoring.JobDetails(backgroundJobId)?.History.FirstOrDefault()?.StateName),
            current => current == state, Timeout, $"background job {backgroundJobId} to be {state}");
    }
}
