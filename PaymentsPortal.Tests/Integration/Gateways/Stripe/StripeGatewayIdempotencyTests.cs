using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Integration.Gateways.Stripe;

/// <summary>The attempt id as Stripe's Idempotency-Key: repeats replay, they never charge again.</summary>
[Trait("Tier", "Integration")]
public sealed class StripeGatewayIdempotencyTests
{
    [Fact]
    public async Task AuthorizeAsync_SameAttemptTwice_ChargesOnceWithTheSameResult()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1500));

        var first = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var second = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, first.Outcome);
        Assert.Equal(first, second);
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
        Assert.Equal(1500, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_SameAttemptConcurrently_ChargesOnce()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1500));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None)));

        Assert.All(results, result => Assert.Equal(results[0], result));
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_DeclinedAttemptRepeated_ReplaysTheDecline()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var request = StripeSandbox.Authorize(StripeTestCards.InsufficientFunds, StripeSandbox.Usd(1500));

        var first = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var second = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, first.Outcome);
        Assert.Equal(first, second);
        Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_SameAttemptDifferentAmount_IsUnknownAndChargesNothingMore()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1500));
        await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        var changed = await sandbox.Gateway.AuthorizeAsync(request with { Amount = StripeSandbox.Usd(9900) }, CancellationToken.None);

        Assert.Equal((GatewayOutcome.Unknown, "idempotency_error"), (changed.Outcome, changed.Code));
        Assert.Null(changed.GatewayReference);
        Assert.Equal(1500, Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId)).Amount);
    }

    [Fact]
    public async Task CaptureAsync_SameOperationTwice_CapturesOnce()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(4000), capture: false);
        var authorized = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var capture = new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, StripeSandbox.Usd(4000));

        var first = await sandbox.Gateway.CaptureAsync(capture, CancellationToken.None);
        var second = await sandbox.Gateway.CaptureAsync(capture, CancellationToken.None);
        var another = await sandbox.Gateway.CaptureAsync(capture with { OperationId = Guid.NewGuid() }, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, first.Outcome);
        Assert.Equal(first, second);
        Assert.Equal((GatewayOutcome.Declined, "payment_intent_unexpected_state"), (another.Outcome, another.Code));
        Assert.Equal(4000, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task RefundAsync_SameRefundTwice_RefundsOnce()
    {
        await using var sandbox = await StripeSandbox.StartAsync();
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(4000));
        var paid = await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var refund = new RefundRequest(Guid.NewGuid(), paid.GatewayReference!, StripeSandbox.Usd(1000), null);

        var first = await sandbox.Gateway.RefundAsync(refund, CancellationToken.None);
        var second = await sandbox.Gateway.RefundAsync(refund, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, first.Outcome);
        Assert.Equal(first.GatewayReference, second.GatewayReference);
        Assert.Equal(3000, sandbox.Simulator.NetCapturedFor(request.AttemptId));
    }

    [Fact]
    public async Task AuthorizeAsync_RepeatedAfterStripeForgotTheKey_ChargesAgainAndLookupFlagsIt()
    {
        // Why an attempt must never be re-sent after Stripe's 24 hours: the key no longer protects it.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sandbox = await StripeSandbox.StartAsync(clock);
        var request = StripeSandbox.Authorize(StripeTestCards.Visa, StripeSandbox.Usd(1500));
        await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(25));
        await sandbox.Gateway.AuthorizeAsync(request, CancellationToken.None);
        var lookup = await sandbox.Gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(2, sandbox.Simulator.ChargesFor(request.AttemptId).Count);
        Assert.Equal(GatewayChargeState.Captured, lookup.State);
        Assert.Contains("double charge", lookup.Message, StringComparison.Ordinal);
    }
}
