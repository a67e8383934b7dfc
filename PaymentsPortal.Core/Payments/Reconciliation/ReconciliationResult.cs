namespace PaymentsPortal.Core.Payments.Reconciliation;

/// <summary>What one reconciliation pass did with one payment.</summary>
public enum ReconciliationResult
{
    /// <summary>The payment was not waiting for reconciliation (already settled by someone else).</summary>
    NothingToDo = 1,

    /// <summary>The gateway's answer settled the payment's status.</summary>
    Settled = 2,

    /// <summary>The gateway confirmed it holds no charge; the payment went on to the next gateways.</summary>
    FailedOver = 3,

    /// <summary>No clear answer yet; looked again later, per the backoff.</summary>
    Rescheduled = 4,

    /// <summary>Handed to a person, with the reason recorded.</summary>
    SentToReview = 5,
}
