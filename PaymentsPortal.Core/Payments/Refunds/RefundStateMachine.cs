using System.Collections.Frozen;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>The moves a refund may make; anything else is rejected, so a decided refund can never be decided again.</summary>
public static class RefundStateMachine
{
    private static readonly FrozenDictionary<RefundStatus, FrozenSet<RefundStatus>> Moves = new Dictionary<RefundStatus, FrozenSet<RefundStatus>>
    {
        [RefundStatus.PendingApproval] = Set(RefundStatus.Processing, RefundStatus.Rejected, RefundStatus.Canceled),
        [RefundStatus.Processing] = Set(RefundStatus.Succeeded, RefundStatus.Failed, RefundStatus.RequiresReconciliation),
        [RefundStatus.RequiresReconciliation] = Set(RefundStatus.RequiresReconciliation, RefundStatus.Succeeded, RefundStatus.Failed),
        [RefundStatus.Succeeded] = Set(),
        [RefundStatus.Failed] = Set(),
        [RefundStatus.Rejected] = Set(),
        [RefundStatus.Canceled] = Set(),
    }.ToFrozenDictionary();

    public static bool CanMove(RefundStatus from, RefundStatus to) => Moves.TryGetValue(from, out var targets) && targets.Contains(to);

    public static bool IsFinal(RefundStatus status) => Moves[status].Count == 0;

    private static FrozenSet<RefundStatus> Set(params RefundStatus[] targets) => targets.ToFrozenSet();
}
