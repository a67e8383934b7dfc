using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Tests.Unit.Payments.Refunds;

[Trait("Tier", "Unit")]
public sealed class RefundStateMachineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(RefundStatus.PendingApproval, RefundStatus.Processing)]
    [InlineData(RefundStatus.PendingApproval, RefundStatus.Rejected)]
    [InlineData(RefundStatus.PendingApproval, RefundStatus.Canceled)]
    [InlineData(RefundStatus.Processing, RefundStatus.Succeeded)]
    [InlineData(RefundStatus.Processing, RefundStatus.RequiresReconciliation)]
    [InlineData(RefundStatus.RequiresReconciliation, RefundStatus.Succeeded)]
    public void CanMove_AllowedMove_IsAllowed(RefundStatus from, RefundStatus to) => Assert.True(RefundStateMachine.CanMove(from, to));

    [Theory]
    [InlineData(RefundStatus.PendingApproval, RefundStatus.Succeeded)]
    [InlineData(RefundStatus.Rejected, RefundStatus.Processing)]
    [InlineData(RefundStatus.Succeeded, RefundStatus.Failed)]
    [InlineData(RefundStatus.Failed, RefundStatus.Processing)]
    [InlineData(RefundStatus.RequiresReconciliation, RefundStatus.Canceled)]
    [InlineData(RefundStatus.Processing, RefundStatus.PendingApproval)]
    public void CanMove_ForbiddenMove_IsRejected(RefundStatus from, RefundStatus to) => Assert.False(RefundStateMachine.CanMove(from, to));

    [Fact]
    public void MoveTo_FromAFinalStatus_Throws()
    {
        var refund = NewRefund(needsApproval: true);
        refund.Decide(RefundStatus.Rejected, Guid.NewGuid(), "Ada", "no", At);

        Assert.Throws<InvalidRefundTransitionException>(() => refund.MoveTo(RefundStatus.Processing, At));
        Assert.True(RefundStateMachine.IsFinal(refund.Status));
    }

    [Fact]
    public void Create_UnderTheThreshold_IsProcessingAndWatchedForAStall()
    {
        var refund = NewRefund(needsApproval: false);

        Assert.Equal((RefundStatus.Processing, At + Refund.StalledAfter), (refund.Status, refund.NextReconciliationAt!.Value));
    }

    [Fact]
    public void Create_PaymentWithoutACharge_Throws()
    {
        var (payment, _) = Payment.Create(Guid.NewGuid(), new Money(10_00, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm"), true, null, null, At, "test");

        Assert.Throws<ArgumentException>(() => Refund.Create(payment, Guid.NewGuid(), new Money(1_00, Currency.Usd), "r", "k", Guid.NewGuid(), "Ada", false, At));
    }

    private static Refund NewRefund(bool needsApproval)
    {
        var (payment, _) = Payment.Create(Guid.NewGuid(), new Money(10_00, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm"), true, null, null, At, "test");
        payment.Gateway = GatewayKind.Stripe;
        payment.GatewayReference = "pi_1";
        return Refund.Create(payment, Guid.NewGuid(), new Money(5_00, Currency.Usd), "Returned", "key", Guid.NewGuid(), "Ada", needsApproval, At);
    }
}
