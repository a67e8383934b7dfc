namespace PaymentsPortal.Core.Payments;

/// <summary>A move <see cref="PaymentStateMachine"/> does not allow. A bug or a stale caller, never something to retry.</summary>
public sealed class InvalidPaymentTransitionException(Guid paymentId, PaymentStatus from, PaymentStatus to)
    : InvalidOperationException($"Payment {paymentId} cannot move from {from} to {to}.")
{
    public PaymentStatus From { get; } = from;

    public PaymentStatus To { get; } = to;
}
