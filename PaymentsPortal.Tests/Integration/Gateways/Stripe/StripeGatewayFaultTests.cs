using System.Diagnostics;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Integration.Gateways.Stripe;

/// <summary>
/// Faults between the adapter and Stripe: only a refused connection is NotSent; anything after the request may have
/// arrived is Unknown, and the lookup by attempt id then tells what really happened.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class StripeGatewayFaultTests : IAsyncLifetime
{
    private StripeSandbox sandbox = null!;

    public async Task InitializeAsync()
    {
        sandbox = await StripeSandbox.StartAsync();

        // Warm the simulator's and the SDK's code paths, so the short timeouts below measure faults, not JIT.
        await sandbox.Gateway.AuthorizeAsync(StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(100)), CancellationToken.None);
        await sandbox.Gateway.LookupAsync(Guid.NewGuid(), CancellationToken.None);
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task AuthorizeAsync_Outage_IsNotSentAndNothingIsCharged()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000));
        await sandbox.SetFaultsAsync(new FaultSettings(Outage: true));

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var afterwards = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal((GatewayOutcome.NotSent, "transport.connection_refused"), (result.Outcome, result.Code));
        Assert.Equal((GatewayOutcome.NotSent, false), (lookup.Outcome, lookup.Found));
        Assert.Equal(GatewayOutcome.Succeeded, afterwards.Outcome);
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_ServerError_IsUnknownAndTheKeyReplaysTheError()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000));
        await sandbox.SetFaultsAsync(new FaultSettings(ServerError: 1));

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var repeated = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal((GatewayOutcome.Unknown, "api_error"), (result.Outcome, result.Code));
        Assert.Equal((GatewayOutcome.Succeeded, false), (lookup.Outcome, lookup.Found));

        // Stripe saves even a 500 for the key: the same attempt id cannot be charged later by mistake.
        Assert.Equal(GatewayOutcome.Unknown, repeated.Outcome);
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_TimeoutBeforeCommit_IsUnknownAndLookupFindsNothing()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000));
        await sandbox.SetFaultsAsync(new FaultSettings(TimeoutBeforeCommit: 1));
        var clock = Stopwatch.StartNew();

        var result = await sandbox.GatewayWith(StripeSandbox.ShortTimeout).AuthorizeAsync(request, CancellationToken.None);
        var took = clock.Elapsed;
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal((GatewayOutcome.Unknown, "transport.timeout"), (result.Outcome, result.Code));
        // The timeout's timer and the stopwatch are different clocks: the timer may fire a millisecond or so before the
        // stopwatch reads the full timeout (measured: 399.1 ms for 400 ms). The margin keeps "gave up at the timeout, not earlier".
        Assert.InRange(took, StripeSandbox.ShortTimeout - TimeSpan.FromMilliseconds(20), FaultSettings.Stall / 3);
        Assert.Equal((GatewayOutcome.Succeeded, false), (lookup.Outcome, lookup.Found));
        Assert.Empty(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_TimeoutAfterCommit_IsUnknownButLookupFindsTheCharge()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000));
        await sandbox.SetFaultsAsync(new FaultSettings(TimeoutAfterCommit: 1));

        var result = await sandbox.GatewayWith(StripeSandbox.ShortTimeout).AuthorizeAsync(request, CancellationToken.None);
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var replayed = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal((GatewayOutcome.Unknown, "transport.timeout"), (result.Outcome, result.Code));
        Assert.True(lookup.Found);
        Assert.Equal((GatewayChargeState.Captured, StripeSandbox.Usd(1000)), (lookup.State, lookup.Amount));

        // Within Stripe's 24 hours the same attempt id returns the lost reply instead of charging again.
        Assert.Equal((GatewayOutcome.Succeeded, lookup.GatewayReference), (replayed.Outcome, replayed.GatewayReference));
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_ConnectionResetAfterCommit_IsUnknownButLookupFindsTheCharge()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000));
        await sandbox.SetFaultsAsync(new FaultSettings(ConnectionReset: 1));

        var result = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal((GatewayOutcome.Unknown, "transport.connection_lost"), (result.Outcome, result.Code));
        Assert.Equal((true, GatewayChargeState.Captured), (lookup.Found, lookup.State));
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task CaptureAsync_TimeoutAfterCommit_IsUnknownButLookupShowsItCaptured()
    {
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000), capture: false);
        var authorized = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        await sandbox.SetFaultsAsync(new FaultSettings(TimeoutAfterCommit: 1));

        var result = await sandbox.GatewayWith(StripeSandbox.ShortTimeout)
            .CaptureAsync(new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, StripeSandbox.Usd(1000)), CancellationToken.None);
        await sandbox.SetFaultsAsync(FaultSettings.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Unknown, result.Outcome);
        Assert.Equal(GatewayChargeState.Captured, lookup.State);
    }

    [Fact]
    public async Task LookupAsync_BeforeSearchCatchesUp_FindsNothingYet()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var lagging = await StripeSandbox.StartAsync(clock, searchIndexDelay: TimeSpan.FromMinutes(1));
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1000));
        await lagging.Gateway.AuthorizeAsync(request, CancellationToken.None);

        var tooEarly = await lagging.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(61));
        var later = await lagging.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.False(tooEarly.Found);
        Assert.Equal(GatewayChargeState.Captured, later.State);
    }
}
