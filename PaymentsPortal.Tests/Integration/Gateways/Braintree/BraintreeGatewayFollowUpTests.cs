using PaymentsPortal.Core.Gateways;
using static PaymentsPortal.Tests.Integration.Gateways.Braintree.BraintreeSandbox;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>Capture, void (reverse) and refund of charges made through the real adapter.</summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeGatewayFollowUpTests
{
    [Fact]
    public async Task VoidAsync_Authorization_VoidsAndLookupSaysVoided()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(2500), capture: false);
        var authorized = await gateway.AuthorizeAsync(request, CancellationToken.None);

        var voided = await gateway.VoidAsync(new VoidRequest(Guid.NewGuid(), authorized.GatewayReference!), CancellationToken.None);
        var lookup = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, voided.Outcome);
        Assert.Equal("VOIDED", voided.Status);
        Assert.Equal(authorized.GatewayReference, voided.GatewayReference);
        Assert.Equal(GatewayChargeState.Voided, lookup.State);
        Assert.False(Assert.Single(sandbox.Simulator.ChargesFor(request.AttemptId)).HoldsOrTookMoney);
    }

    [Fact]
    public async Task VoidAsync_SettledCharge_RefundsInFull()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(2500));
        var charged = await gateway.AuthorizeAsync(request, CancellationToken.None);
        Assert.True(sandbox.Simulator.Settle(charged.GatewayReference!));

        var reversed = await gateway.VoidAsync(new VoidRequest(Guid.NewGuid(), charged.GatewayReference!), CancellationToken.None);
        var lookup = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, reversed.Outcome);
        Assert.NotEqual(charged.GatewayReference, reversed.GatewayReference);
        Assert.Equal(GatewayChargeState.Refunded, lookup.State);
        Assert.Equal(Usd(0), sandbox.Simulator.Find(charged.GatewayReference!)!.NetCharged);
    }

    [Fact]
    public async Task RefundAsync_SettledChargeInTwoParts_CapturedAfterFirstRefundedAfterSecond()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var request = Charge(Usd(10000));
        var charged = await gateway.AuthorizeAsync(request, CancellationToken.None);
        sandbox.Simulator.Settle(charged.GatewayReference!);
        var firstId = Guid.NewGuid();

        var partial = await gateway.RefundAsync(new RefundRequest(firstId, charged.GatewayReference!, Usd(2500), "damaged"), CancellationToken.None);
        var afterPartial = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);
        var rest = await gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), charged.GatewayReference!, Usd(7500), null), CancellationToken.None);
        var afterFull = await gateway.LookupAsync(request.AttemptId, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, partial.Outcome);
        Assert.Equal(GatewayChargeState.Captured, afterPartial.State);
        Assert.Equal(GatewayOutcome.Succeeded, rest.Outcome);
        Assert.Equal(GatewayChargeState.Refunded, afterFull.State);
        var transaction = sandbox.Simulator.Find(charged.GatewayReference!)!;
        Assert.Equal(2, transaction.Refunds.Count);
        Assert.Equal(firstId.ToString("D"), transaction.Refunds[0].OrderId);
        Assert.Equal(Usd(0), transaction.NetCharged);
    }

    [Fact]
    public async Task RefundAsync_MoreThanRemains_DeclinedAndNothingRefunded()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var charged = await gateway.AuthorizeAsync(Charge(Usd(1000)), CancellationToken.None);
        sandbox.Simulator.Settle(charged.GatewayReference!);

        var result = await gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), charged.GatewayReference!, Usd(1001), null), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("validation/91521", result.Code);
        Assert.Empty(sandbox.Simulator.Find(charged.GatewayReference!)!.Refunds);
    }

    [Fact]
    public async Task RefundAsync_NotYetSettled_DeclinedSoTheCallerVoidsInstead()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var charged = await gateway.AuthorizeAsync(Charge(Usd(1000)), CancellationToken.None);

        var result = await gateway.RefundAsync(new RefundRequest(Guid.NewGuid(), charged.GatewayReference!, Usd(1000), null), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("validation/91506", result.Code);
    }

    [Fact]
    public async Task RefundAsync_SameRefundIdTwice_RefundsOnceAndReturnsTheSameRefund()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var charged = await gateway.AuthorizeAsync(Charge(Usd(1000)), CancellationToken.None);
        sandbox.Simulator.Settle(charged.GatewayReference!);
        var refund = new RefundRequest(Guid.NewGuid(), charged.GatewayReference!, Usd(400), null);

        var first = await gateway.RefundAsync(refund, CancellationToken.None);
        var second = await gateway.RefundAsync(refund, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, second.Outcome);
        Assert.Equal(first.GatewayReference, second.GatewayReference);
        Assert.Single(sandbox.Simulator.Find(charged.GatewayReference!)!.Refunds);
    }

    [Fact]
    public async Task CaptureAsync_SameOperationIdTwice_SecondReturnsTheFirstCapture()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var authorized = await gateway.AuthorizeAsync(Charge(Usd(3000), capture: false), CancellationToken.None);
        var capture = new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, Usd(3000));

        var first = await gateway.CaptureAsync(capture, CancellationToken.None);
        var second = await gateway.CaptureAsync(capture, CancellationToken.None);

        Assert.Equal(GatewayOutcome.Succeeded, first.Outcome);
        Assert.Equal(GatewayOutcome.Succeeded, second.Outcome);
        Assert.Equal(first.GatewayReference, second.GatewayReference);
    }

    [Fact]
    public async Task CaptureAsync_AlreadyVoided_DeclinedNotRetryable()
    {
        await using var sandbox = await StartAsync();
        var gateway = sandbox.Gateway();
        var authorized = await gateway.AuthorizeAsync(Charge(Usd(3000), capture: false), CancellationToken.None);
        await gateway.VoidAsync(new VoidRequest(Guid.NewGuid(), authorized.GatewayReference!), CancellationToken.None);

        var result = await gateway.CaptureAsync(new CaptureRequest(Guid.NewGuid(), authorized.GatewayReference!, Usd(3000)), CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("validation/91507", result.Code);
        Assert.False(result.RetryableElsewhere);
    }
}
