using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Access.Grants;

/// <summary>The sweep that records expiry: once per grant, by the system, safe with two instances sweeping at once.</summary>
[Trait("Tier", "Integration")]
public sealed class AccessGrantExpiryTests : IAsyncLifetime
{
    private readonly ManualClock clock = new();
    private CoreHost host = default!;
    private AccessGrantRequests requests = default!;
    private AccessGrantDecisions decisions = default!;
    private Guid demoCoffee;
    private ActingUser admin = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(clock: clock);
        requests = host.Service<AccessGrantRequests>();
        decisions = host.Service<AccessGrantDecisions>();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        admin = await host.ActorAsync("admin@demo.local");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ExpireDueAsync_GrantPastItsTime_IsMarkedExpiredBySystemAndOthersAreLeftAlone()
    {
        var shortOne = await GrantSteps.GrantAsync(requests, decisions, demoCoffee, await host.ActorAsync("viewer@demo.local"), admin,
            MerchantRole.Operator, TimeSpan.FromMinutes(15));
        var longOne = await GrantSteps.GrantAsync(requests, decisions, demoCoffee, await host.ActorAsync("operator@demo.local"), admin,
            MerchantRole.Support, TimeSpan.FromHours(2));
        var expiry = host.Service<AccessGrantExpiry>();
        Assert.Equal(0, await expiry.ExpireDueAsync());

        clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await expiry.ExpireDueAsync();

        Assert.Equal(1, expired);
        var grant = await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, shortOne);
        Assert.Equal(AccessGrantStatus.Expired, grant.Status);
        Assert.Equal(grant.ExpiresAt, grant.EndedAt);
        Assert.Equal(AccessGrantStatus.Approved, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, longOne)).Status);
        var entry = (await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, shortOne))[^1];
        Assert.Equal((AuditAction.AccessGrantExpired, AuditActorType.System, "access-grant-expiry"), (entry.Action, entry.ActorType, entry.ActorName));
        Assert.Equal(0, await expiry.ExpireDueAsync());
    }

    [Fact]
    public async Task ExpireDueAsync_TwoInstancesSweepingAtOnce_RecordEachExpiryOnce()
    {
        var members = new[] { "viewer@demo.local", "operator@demo.local", "support@demo.local" };
        var ids = new List<Guid>();
        foreach (var email in members)
        {
            ids.Add(await GrantSteps.GrantAsync(requests, decisions, demoCoffee, await host.ActorAsync(email), admin, MerchantRole.Compliance,
                TimeSpan.FromMinutes(15)));
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        // Two service providers, as two instances hold them, sweeping the same database at the same moment.
        var counts = await Task.WhenAll(
            Task.Run(() => host.Service<AccessGrantExpiry>().ExpireDueAsync()),
            Task.Run(() => SweepOnSameDatabaseAsync()));

        Assert.Equal(ids.Count, counts.Sum());
        foreach (var id in ids)
        {
            var entries = await GrantSteps.GrantAuditAsync(host.Database.AppConnectionString, demoCoffee, id);
            Assert.Single(entries, e => e.Action == AuditAction.AccessGrantExpired);
        }

        await using var db = host.Context(demoCoffee);
        Assert.True((await AuditVerifier.VerifyAsync(db, demoCoffee)).IsIntact);
    }

    [Fact]
    public async Task RequestAsync_AfterAnUnsweptExpiry_RecordsTheExpiryFirstThenAccepts()
    {
        var viewer = await host.ActorAsync("viewer@demo.local");
        var old = await GrantSteps.GrantAsync(requests, decisions, demoCoffee, viewer, admin, MerchantRole.Operator, TimeSpan.FromMinutes(15));
        clock.Advance(TimeSpan.FromMinutes(15));

        var again = await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Support, TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(AccessGrantStatus.Expired, (await GrantSteps.GrantRowAsync(host.Database.AppConnectionString, demoCoffee, old)).Status);
        Assert.Equal(0, await host.Service<AccessGrantExpiry>().ExpireDueAsync());
    }

    [Fact]
    public async Task RequestAsync_WhileAGrantIsInForce_IsRefused()
    {
        var viewer = await host.ActorAsync("viewer@demo.local");
        await GrantSteps.GrantAsync(requests, decisions, demoCoffee, viewer, admin, MerchantRole.Operator);

        var again = await requests.RequestAsync(demoCoffee, viewer, MerchantRole.Support, TimeSpan.FromHours(1), GrantSteps.Justification);

        Assert.False(again.Succeeded);
        Assert.Contains("already hold Operator until", again.Error, StringComparison.Ordinal);
    }

    // A second service provider over the same database: its own connection pool, scopes and singletons.
    private async Task<int> SweepOnSameDatabaseAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddPortalCore(new ConfigurationBuilder().Build(), host.Database.AppConnectionString);
        services.AddSingleton<TimeProvider>(clock);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<AccessGrantExpiry>().ExpireDueAsync();
    }
}
