using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Tests.Integration.Payments.Refunds;

/// <summary>A lost refund answer is never taken as "not refunded": the refund is asked again under its own key.</summary>
[Trait("Tier", "Integration")]
public sealed class RefundReconciliationTests : IAsyncLifetime
{
    private RefundTestBed bed = default!;

    public async Task InitializeAsync() => bed = await RefundTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    private RefundReconciliation Reconciliation => bed.Host.Service<RefundReconciliation>();

    [Fact]
    public async Task UnknownAnswer_HoldsTheAmountThenSettlesOnTheReplayWithTheSameKey()
    {
        var paymentId = await bed.CapturedPaymentAsync(80_00);
        bed.Stripe.RefundAnswer = _ => GatewayResult.Unknown("timeout", "no answer within 10 s");

        var lost = (await bed.RequestAsync("support@demo.local", paymentId, 80_00)).Value!;
        var meanwhile = await bed.RequestAsync("support@demo.local", paymentId, 1_00);
        Assert.Equal(0, await Reconciliation.ReconcileDueAsync(10));
        bed.Stripe.RefundAnswer = request => GatewayResult.Succeeded("re_first");
        bed.Clock.Advance(RefundExecutor.Backoff[0]);
        Assert.Equal(1, await Reconciliation.ReconcileDueAsync(10));

        Assert.Equal(RefundStatus.RequiresReconciliation, lost.Status);
        Assert.False(meanwhile.Succeeded);
        var calls = bed.Stripe.RefundCalls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal(lost.RefundId, call.RefundId));
        var refund = await bed.RefundAsync(lost.RefundId);
        Assert.Equal((RefundStatus.Succeeded, "re_first", (DateTimeOffset?)null), (refund.Status, refund.GatewayRefundReference, refund.NextReconciliationAt));
        Assert.Equal((PaymentStatus.Refunded, 80_00L), ((await bed.PaymentAsync(paymentId)).Status, (await bed.PaymentAsync(paymentId)).RefundedMinor));
        Assert.Equal(
            [(AuditAction.RefundRequested, AuditOutcome.Success), (AuditAction.RefundRequiresReconciliation, AuditOutcome.Failure),
                (AuditAction.RefundSucceeded, AuditOutcome.Success)],
            await bed.RefundAuditAsync(lost.RefundId));
        Assert.Equal(0, await Reconciliation.ReconcileDueAsync(10));
    }

    [Fact]
    public async Task UnknownForTooLong_StopsReplayingOnceTheKeyMayHaveExpired()
    {
        var paymentId = await bed.CapturedPaymentAsync(80_00);
        bed.Stripe.RefundAnswer = _ => GatewayResult.Unknown("server_error", "500");
        var lost = (await bed.RequestAsync("support@demo.local", paymentId, 80_00)).Value!;

        for (var round = 0; round < 30 && await bed.RefundAsync(lost.RefundId) is { NextReconciliationAt: { } next }; round++)
        {
            bed.Clock.Now = next;
            await Reconciliation.ReconcileDueAsync(10);
        }

        var refund = await bed.RefundAsync(lost.RefundId);
        Assert.Equal((RefundStatus.RequiresReconciliation, (DateTimeOffset?)null), (refund.Status, refund.NextReconciliationAt));
        Assert.True(bed.Clock.Now - refund.RequestedAt < RefundExecutor.ReplayWindow);
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task StalledInProcessing_IsPickedUpAfterAWhile()
    {
        var paymentId = await bed.CapturedPaymentAsync(30_00);
        bed.Stripe.RefundAnswer = _ => throw new InvalidOperationException("the process died here");
        await Assert.ThrowsAsync<InvalidOperationException>(() => bed.RequestAsync("support@demo.local", paymentId, 30_00));
        bed.Stripe.RefundAnswer = request => GatewayResult.Succeeded("re_late");

        Assert.Equal(0, await Reconciliation.ReconcileDueAsync(10));
        bed.Clock.Advance(Refund.StalledAfter);
        Assert.Equal(1, await Reconciliation.ReconcileDueAsync(10));

        Assert.Equal((PaymentStatus.Refunded, 30_00L), ((await bed.PaymentAsync(paymentId)).Status, (await bed.PaymentAsync(paymentId)).RefundedMinor));
    }
}
