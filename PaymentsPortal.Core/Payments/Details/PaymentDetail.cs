using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Core.Payments.Details;

/// <summary>
/// Everything the payment page shows about one payment: its amounts and card as the gateway reported them, its timeline
/// and every gateway call made for it. Never its card token.
/// </summary>
public sealed record PaymentDetail(
    Guid Id,
    PaymentStatus Status,
    Money Amount,
    long CapturedMinor,
    long RefundedMinor,
    bool CaptureImmediately,
    string? Description,
    string? CustomerEmail,
    GatewayKind? Gateway,
    string? GatewayReference,
    string? CardBrand,
    string? CardLast4,
    int? CardExpiryMonth,
    int? CardExpiryYear,
    string? ReviewReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PaymentTimelineEntry> Timeline,
    IReadOnlyList<PaymentAttemptEntry> Attempts)
{
    public Money Captured => new(CapturedMinor, Amount.Currency);

    public Money Refunded => new(RefundedMinor, Amount.Currency);
}

/// <summary>One status move, oldest first; <see cref="AttemptNumber"/> names the gateway call that caused it, if one did.</summary>
public sealed record PaymentTimelineEntry(
    int Sequence, DateTimeOffset OccurredAt, PaymentStatus? From, PaymentStatus To, string Actor, string? Reason, int? AttemptNumber);

/// <summary>One call to a gateway (a charge, a lookup by reconciliation, a void or refund of an orphan), in the order made.</summary>
public sealed record PaymentAttemptEntry(
    int Number,
    GatewayKind Gateway,
    AttemptOperation Operation,
    long AmountMinor,
    AttemptState State,
    GatewayOutcome? Outcome,
    string? Code,
    string? Message,
    string? GatewayReference,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int? LatencyMs);
