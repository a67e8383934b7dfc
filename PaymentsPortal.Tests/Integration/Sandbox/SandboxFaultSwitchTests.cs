using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Faults;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

[Trait("Tier", "Integration")]
public sealed class SandboxFaultSwitchTests(PortalAppFixture fixture) : IClassFixture<PortalAppFixture>, IAsyncLifetime
{
    private Guid coffee;

    private SandboxFaultSwitch Switch => fixture.App.Service<SandboxFaultSwitch>();

    public async Task InitializeAsync() => coffee = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);

    public async Task DisposeAsync()
    {
        foreach (var kind in Enum.GetValues<GatewayKind>())
        {
            fixture.App.Service<SimulatedFaults>().Set(kind, FaultSettings.None);
            await fixture.App.Service<SandboxGateways>().Host.ApplyOutageAsync(kind, false);
        }
    }

    [Fact]
    public async Task Apply_Outage_RefusesConnectionsAtOnceAndIsAudited()
    {
        var before = await EntriesAsync();

        var result = await Switch.ApplyAsync(coffee, TestActors.Someone, GatewayKind.Stripe, new FaultSettingsInput { Outage = true });

        Assert.True(result.Succeeded, result.Error);
        Assert.True(fixture.App.Service<SimulatedFaults>().For(GatewayKind.Stripe).Outage);
        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(fixture.App.Service<SandboxGateways>().Host.AddressOf(GatewayKind.Stripe)));
        var entry = Assert.Single(await EntriesAsync(), e => before.All(b => b.Id != e.Id));
        Assert.Equal((AuditActorType.User, "Test administrator", "Stripe", "192.0.2.10"), (entry.ActorType, entry.ActorName, entry.TargetId, entry.IpAddress));
        Assert.Contains("\"before\":{\"added_latency_ms\":0,\"server_error\":0,\"timeout_before_commit\":0,\"timeout_after_commit\":0,\"connection_reset\":0,\"outage\":false}",
            entry.Details, StringComparison.Ordinal);
        Assert.Contains("\"outage\":true}", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_PercentagesAndLatency_BecomeProbabilitiesAndATimeSpan()
    {
        var input = new FaultSettingsInput
        {
            LatencyMs = 1500,
            ServerErrorPercent = 12.5m,
            TimeoutBeforeCommitPercent = 1,
            TimeoutAfterCommitPercent = 100,
            ConnectionResetPercent = 0.25m,
        };

        var result = await Switch.ApplyAsync(coffee, TestActors.Someone, GatewayKind.Braintree, input);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new FaultSettings(TimeSpan.FromMilliseconds(1500), 0.125, 0.01, 1, 0.0025), Switch.Current(GatewayKind.Braintree));
        Assert.Equal("1500 ms added latency, 12.5% server errors, 1% timeouts before commit, 100% timeouts after commit, 0.25% connection resets",
            SandboxFaultText.Summary(Switch.Current(GatewayKind.Braintree)));
    }

    [Fact]
    public async Task Apply_OutOfRange_ChangesNothingAndRecordsNothing()
    {
        var before = await EntriesAsync();

        var result = await Switch.ApplyAsync(coffee, TestActors.Someone, GatewayKind.Stripe,
            new FaultSettingsInput { LatencyMs = 30_001, ServerErrorPercent = -1, Outage = true });

        Assert.False(result.Succeeded);
        Assert.Equal("Added latency: Enter a latency from 0 to 30000 ms. Server error: Enter a percentage from 0 to 100.", result.Error);
        Assert.Equal(FaultSettings.None, Switch.Current(GatewayKind.Stripe));
        Assert.Equal(before.Count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task Clear_AfterFaults_ListensAgainWithNoFaults()
    {
        await Switch.ApplyAsync(coffee, TestActors.Someone, GatewayKind.Stripe, new FaultSettingsInput { Outage = true, ServerErrorPercent = 50 });

        var result = await Switch.ClearAsync(coffee, TestActors.Someone, GatewayKind.Stripe);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(FaultSettings.None, Switch.Current(GatewayKind.Stripe));
        using var client = new HttpClient();

        // Any answer at all means the listener is back; the simulator refuses an unauthenticated request.
        using var response = await client.GetAsync(new Uri(fixture.App.Service<SandboxGateways>().Host.AddressOf(GatewayKind.Stripe), "v1/payment_intents"));
        Assert.NotNull(response);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = CoreHost.CreateContext(fixture.Database.AppConnectionString, new FixedTenantScope(coffee));
        return await db.AuditEntries.Where(e => e.Action == AuditAction.SandboxFaultsChanged).ToListAsync();
    }
}
