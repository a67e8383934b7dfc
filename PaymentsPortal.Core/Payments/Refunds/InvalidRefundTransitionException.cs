namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>A refund was asked to make a move its state machine forbids: a bug or a lost race, never user input.</summary>
public sealed class InvalidRefundTransitionException(Guid refundId, RefundStatus from, RefundStatus to)
    : InvalidOperationException($"Refund {refundId} cannot move from {from} to {to}.")
{
    public Guid RefundId { get; } = refundId;

    public RefundStatus From { get; } = from;

    public RefundStatus To { get; } = to;
}
