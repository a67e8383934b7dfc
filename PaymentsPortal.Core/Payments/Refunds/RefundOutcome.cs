namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>Where a refund stands after a use case ran, with a sentence for the person who asked.</summary>
/// <param name="Replayed">The same idempotency key was used before: this is that refund, nothing new was done.</param>
public sealed record RefundOutcome(Guid RefundId, Guid PaymentId, RefundStatus Status, string Message, bool Replayed = false)
{
    public static RefundOutcome Of(Refund refund, bool replayed = false)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new(refund.Id, refund.PaymentId, refund.Status, Describe(refund), replayed);
    }

    private static string Describe(Refund refund) => refund.Status switch
    {
        RefundStatus.PendingApproval => $"The refund of {refund.Amount} is above the approval threshold and waits for an Admin who did not ask for it.",
        RefundStatus.Processing => $"The refund of {refund.Amount} is being sent to {refund.Gateway}.",
        RefundStatus.Succeeded => $"{refund.Gateway} refunded {refund.Amount}.",
        RefundStatus.Failed => $"The refund of {refund.Amount} failed: {refund.FailureMessage ?? refund.FailureCode ?? "the gateway refused it"}. Nothing was refunded.",
        RefundStatus.Rejected => $"The refund of {refund.Amount} was rejected by {refund.DecidedByName}.",
        RefundStatus.Canceled => $"The refund of {refund.Amount} was withdrawn.",
        RefundStatus.RequiresReconciliation =>
            $"{refund.Gateway}'s answer was lost; the refund of {refund.Amount} will be asked again under the same key, so it cannot happen twice.",
        _ => throw new ArgumentOutOfRangeException(nameof(refund), refund.Status, null),
    };
}

/// <summary>What a person asks for: <paramref name="IdempotencyKey"/> is one per refund dialog, so a double click finds the first refund.</summary>
public sealed record NewRefund(Guid PaymentId, Money Amount, string? Reason, string IdempotencyKey);
