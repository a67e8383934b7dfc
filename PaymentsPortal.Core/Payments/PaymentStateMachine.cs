using System.Collections.Frozen;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// The moves a payment may make. Anything not listed is rejected, so a stale webhook or a double click can
/// never take a refunded payment back to succeeded or a charged one to failed.
/// </summary>
public static class PaymentStateMachine
{
    private static readonly FrozenDictionary<PaymentStatus, FrozenSet<PaymentStatus>> Moves = new Dictionary<PaymentStatus, FrozenSet<PaymentStatus>>
    {
        [PaymentStatus.Created] = Set(PaymentStatus.Processing, PaymentStatus.Canceled),
        // Processing → Processing is a failover to the next gateway: each one is a recorded event.
        [PaymentStatus.Processing] = Set(
            PaymentStatus.Processing, PaymentStatus.RequiresAction, PaymentStatus.Authorized, PaymentStatus.Succeeded,
            PaymentStatus.Failed, PaymentStatus.RequiresReconciliation),
        [PaymentStatus.RequiresAction] = Set(
            PaymentStatus.Processing, PaymentStatus.Authorized, PaymentStatus.Succeeded, PaymentStatus.Failed,
            PaymentStatus.Canceled, PaymentStatus.RequiresReconciliation),
        [PaymentStatus.Authorized] = Set(PaymentStatus.Succeeded, PaymentStatus.Canceled, PaymentStatus.RequiresReconciliation),
        [PaymentStatus.Succeeded] = Set(PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded),
        [PaymentStatus.PartiallyRefunded] = Set(PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded),
        // Reconciliation settles on what the gateway says; Processing again only once the gateway confirmed there is no charge.
        [PaymentStatus.RequiresReconciliation] = Set(
            PaymentStatus.RequiresReconciliation, PaymentStatus.Processing, PaymentStatus.RequiresAction, PaymentStatus.Authorized,
            PaymentStatus.Succeeded, PaymentStatus.Failed, PaymentStatus.Canceled, PaymentStatus.RequiresReview),
        [PaymentStatus.RequiresReview] = Set(
            PaymentStatus.Authorized, PaymentStatus.Succeeded, PaymentStatus.Failed, PaymentStatus.Canceled, PaymentStatus.Refunded),
        [PaymentStatus.Failed] = Set(),
        [PaymentStatus.Canceled] = Set(),
        [PaymentStatus.Refunded] = Set(),
    }.ToFrozenDictionary();

    public static bool CanMove(PaymentStatus from, PaymentStatus to) => Moves.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlySet<PaymentStatus> TargetsOf(PaymentStatus from) => Moves.TryGetValue(from, out var targets) ? targets : FrozenSet<PaymentStatus>.Empty;

    /// <summary>No move leads out of these: the payment's money question is settled for good.</summary>
    public static bool IsFinal(PaymentStatus status) => TargetsOf(status).Count == 0;

    private static FrozenSet<PaymentStatus> Set(params PaymentStatus[] targets) => targets.ToFrozenSet();
}
