using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Payments;

[Trait("Tier", "Unit")]
public sealed class PaymentStateMachineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PaymentStatus.Created, PaymentStatus.Processing)]
    [InlineData(PaymentStatus.Processing, PaymentStatus.Processing)]
    [InlineData(PaymentStatus.Processing, PaymentStatus.RequiresAction)]
    [InlineData(PaymentStatus.Processing, PaymentStatus.RequiresReconciliation)]
    [InlineData(PaymentStatus.RequiresAction, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Authorized, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Authorized, PaymentStatus.Canceled)]
    [InlineData(PaymentStatus.Succeeded, PaymentStatus.PartiallyRefunded)]
    [InlineData(PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded)]
    [InlineData(PaymentStatus.RequiresReconciliation, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.RequiresReconciliation, PaymentStatus.RequiresReview)]
    [InlineData(PaymentStatus.RequiresReview, PaymentStatus.Succeeded)]
    public void CanMove_AllowedMove_IsAllowed(PaymentStatus from, PaymentStatus to) => Assert.True(PaymentStateMachine.CanMove(from, to));

    [Theory]
    [InlineData(PaymentStatus.Succeeded, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Refunded, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Failed, PaymentStatus.Processing)]
    [InlineData(PaymentStatus.Canceled, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Created, PaymentStatus.Succeeded)]
    [InlineData(PaymentStatus.Authorized, PaymentStatus.Failed)]
    [InlineData(PaymentStatus.RequiresReconciliation, PaymentStatus.Created)]
    // An unknown outcome is never settled as "not charged" without the gateway's word, and review never fails silently into retry.
    [InlineData(PaymentStatus.RequiresReview, PaymentStatus.Processing)]
    [InlineData(PaymentStatus.Succeeded, PaymentStatus.Succeeded)]
    public void CanMove_ForbiddenMove_IsRejected(PaymentStatus from, PaymentStatus to) => Assert.False(PaymentStateMachine.CanMove(from, to));

    [Fact]
    public void EveryStatus_HasAnEntry()
    {
        foreach (var status in Enum.GetValues<PaymentStatus>())
        {
            // Final statuses have an empty set; a status missing from the table would also have none, so check it is on purpose.
            var final = status is PaymentStatus.Failed or PaymentStatus.Canceled or PaymentStatus.Refunded;
            Assert.Equal(final, PaymentStateMachine.IsFinal(status));
        }
    }

    [Fact]
    public void MoveTo_Allowed_ChangesStatusBumpsVersionAndDescribesTheMove()
    {
        var (payment, created) = NewPayment();

        var moved = payment.MoveTo(PaymentStatus.Processing, At.AddSeconds(1), "router", "trying stripe");

        Assert.Equal(1, created.Sequence);
        Assert.Equal(PaymentStatus.Processing, payment.Status);
        Assert.Equal(2, payment.Version);
        Assert.Equal((PaymentStatus.Created, PaymentStatus.Processing, 2, "router"), (moved.FromStatus!.Value, moved.ToStatus, moved.Sequence, moved.Actor));
    }

    [Fact]
    public void MoveTo_Forbidden_ThrowsAndChangesNothing()
    {
        var (payment, _) = NewPayment();

        var error = Assert.Throws<InvalidPaymentTransitionException>(() => payment.MoveTo(PaymentStatus.Refunded, At, "someone"));

        Assert.Equal((PaymentStatus.Created, PaymentStatus.Refunded), (error.From, error.To));
        Assert.Equal((PaymentStatus.Created, 1), (payment.Status, payment.Version));
    }

    [Fact]
    public void Create_NonPositiveAmount_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Payment.Create(
            Guid.NewGuid(), new Money(0, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, null, null, At, "test"));

    private static (Payment, PaymentEvent) NewPayment() =>
        Payment.Create(Guid.NewGuid(), new Money(1000, Currency.Usd), new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, null, null, At, "test");
}
