using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// One entry of a payment's timeline: a status change with what caused it. Rows are only inserted; the
/// application role cannot change or delete them. <see cref="Sequence"/> is the payment's version after the move.
/// </summary>
public sealed class PaymentEvent : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid PaymentId { get; init; }

    public int Sequence { get; init; }

    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public PaymentStatus? FromStatus { get; init; }

    public PaymentStatus ToStatus { get; init; }

    /// <summary>Who or what moved it: a user's name, "router", "reconciliation", a webhook's name.</summary>
    public string Actor { get; init; } = "";

    /// <summary>Why, in words a support person can read ("declined by Stripe: insufficient_funds").</summary>
    public string? Reason { get; init; }

    /// <summary>The attempt that caused it, when a gateway call did.</summary>
    public Guid? AttemptId { get; init; }
}
