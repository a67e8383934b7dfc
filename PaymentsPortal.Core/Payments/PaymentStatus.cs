namespace PaymentsPortal.Core.Payments;

/// <summary>Where a payment stands. Stored by name; see <see cref="PaymentStateMachine"/> for the moves allowed.</summary>
public enum PaymentStatus
{
    /// <summary>Recorded, no gateway called yet.</summary>
    Created = 1,

    /// <summary>A gateway attempt is in flight (or failing over to the next gateway).</summary>
    Processing = 2,

    /// <summary>Waiting for the customer, for example a 3-D Secure challenge.</summary>
    RequiresAction = 3,

    /// <summary>Authorized and not yet captured: money is held, not taken.</summary>
    Authorized = 4,

    /// <summary>Captured: the money is taken.</summary>
    Succeeded = 5,

    /// <summary>Declined everywhere it was tried: no money moved.</summary>
    Failed = 6,

    /// <summary>Canceled or voided before capture: no money moved.</summary>
    Canceled = 7,

    /// <summary>Part of the captured amount was refunded.</summary>
    PartiallyRefunded = 8,

    /// <summary>All of the captured amount was refunded.</summary>
    Refunded = 9,

    /// <summary>A gateway's answer was lost (timeout, 5xx, reset): whether money moved is being found out. Never "not charged".</summary>
    RequiresReconciliation = 10,

    /// <summary>Reconciliation could not settle it on its own; a person must look, with the reason recorded.</summary>
    RequiresReview = 11,
}
