namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>Where a refund stands. Stored by name; see <see cref="RefundStateMachine"/> for the moves allowed.</summary>
public enum RefundStatus
{
    /// <summary>Above the merchant's approval threshold: waits for an Admin who is not the requester. Its amount is reserved.</summary>
    PendingApproval = 1,

    /// <summary>Sent (or about to be sent) to the gateway that captured the payment.</summary>
    Processing = 2,

    /// <summary>The gateway accepted the refund: the money goes back to the customer.</summary>
    Succeeded = 3,

    /// <summary>The gateway refused it, or it provably never reached the gateway: nothing was refunded.</summary>
    Failed = 4,

    /// <summary>An Admin turned it down: nothing was sent.</summary>
    Rejected = 5,

    /// <summary>The requester withdrew it before a decision: nothing was sent.</summary>
    Canceled = 6,

    /// <summary>The gateway's answer was lost: the refund is asked again under the same idempotency key until it answers.</summary>
    RequiresReconciliation = 7,
}
