using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox;
using static PaymentsPortal.Tests.Integration.Gateways.Braintree.BraintreeSandbox;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>
/// What the adapter reports when the call goes wrong, and how the attempt is resolved afterwards by searching for
/// its order id. The faults strike on the simulator's side of real HTTP, so the adapter sees what it would see live.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeGatewayFaultTests
{
    [Fact]
    public async Task AuthorizeAsync_TimeoutAfterCommit_UnknownThenLookupFindsTheOneCharge()
    {
        await using var sandbox = await StartAsync();
        await sandbox.WarmUpAsync();
        var request = Charge(Usd(4200));
        await sandbox.FaultAsync(new FaultSettings(TimeoutAfterCommit: 1));

        var result = await sandbox.Gateway(Short).AuthorizeAsync(request, CancellationToken.None);
        await sandbox.FaultAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway().LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("timeout", result.Code);
        Assert.True(lookup.Found);
        Assert.Equal(GatewayChargeState.Captured, lookup.State);
        Assert.Equal(Usd(4200), lookup.Amount);
        Assert.Null(lookup.Message);
        var charge = Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.Equal(charge.Id, lookup.GatewayReference);
    }

    [Fact]
    public async Task AuthorizeAsync_TimeoutBeforeCommit_UnknownThenLookupFindsNothing()
    {
        await using var sandbox = await StartAsync();
        await sandbox.WarmUpAsync();
        var request = Charge(Usd(4200));
        await sandbox.FaultAsync(new FaultSettings(TimeoutBeforeCommit: 1));

        var result = await sandbox.Gateway(Short).AuthorizeAsync(request, CancellationToken.None);
        await sandbox.FaultAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway().LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal(GatewayOutcome.Succeeded, lookup.Outcome);
        Assert.False(lookup.Found);
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_ServerError_UnknownNeverNotCharged()
    {
        await using var sandbox = await StartAsync();
        var request = Charge(Usd(4200));
        await sandbox.FaultAsync(new FaultSettings(ServerError: 1));

        var result = await sandbox.Gateway().AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal("http_500", result.Code);
        Assert.False(result.RetryableElsewhere);
    }

    [Fact]
    public async Task AuthorizeAsync_ConnectionResetAfterCommit_UnknownThenLookupFindsIt()
    {
        await using var sandbox = await StartAsync();
        var request = Charge(Usd(990));
        await sandbox.FaultAsync(new FaultSettings(ConnectionReset: 1));

        var result = await sandbox.Gateway().AuthorizeAsync(request, CancellationToken.None);
        await sandbox.FaultAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway().LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal(GatewayChargeState.Captured, lookup.State);
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_Outage_NotSentThenWorksOnTheSamePortAfterwards()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        await sandbox.FaultAsync(new FaultSettings(Outage: true));

        var during = await gateway.AuthorizeAsync(Charge(Usd(1500)), CancellationToken.None);
        await sandbox.FaultAsync(FaultSettings.None);
        var after = await gateway.AuthorizeAsync(Charge(Usd(1500)), CancellationToken.None);

        Assert.Equal(GatewayOutcome.NotSent, during.Outcome);
        Assert.Equal("connection_refused", during.Code);
        Assert.Equal(GatewayOutcome.Succeeded, after.Outcome);
        Assert.Equal(1, sandbox.Simulator.RequestsReceived);
    }

    [Fact]
    public async Task LookupAsync_ServerError_UnreachableUnknownNotNotFound()
    {
        await using var sandbox = await StartAsync();
        await sandbox.FaultAsync(new FaultSettings(ServerError: 1));

        var lookup = await sandbox.Gateway().LookupAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, lookup.Outcome);
        Assert.False(lookup.Found);
        Assert.Null(lookup.State);
    }

    [Fact]
    public async Task CaptureAsync_TimeoutAfterCommitThenRetriedWithTheSameOperationId_CapturedOnce()
    {
        await using var sandbox = await StartAsync();
        await sandbox.WarmUpAsync();
        var authorized = await sandbox.Gateway().AuthorizeAsync(Charge(Usd(8000), capture: false), CancellationToken.None);
        var capture = new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, Usd(8000));
        await sandbox.FaultAsync(new FaultSettings(TimeoutAfterCommit: 1));

        var lost = await sandbox.Gateway(Short).CaptureAsync(capture, CancellationToken.None);
        await sandbox.FaultAsync(FaultSettings.None);
        var retried = await sandbox.Gateway().CaptureAsync(capture, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, lost.Outcome);
        Assert.Equal(GatewayOutcome.Succeeded, retried.Outcome);
        Assert.Equal("SUBMITTED_FOR_SETTLEMENT", sandbox.Simulator.Find(authorized.GatewayReference!)!.Status);
    }
}
