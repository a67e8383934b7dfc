using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>
/// A gateway payout paired with the bank deposit it became. Each side is in at most one match; removing a match (an Admin's unmatch)
/// deletes the row, and the audit trail keeps that it existed.
/// </summary>
public sealed class PayoutMatch : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid PayoutId { get; init; }

    public Guid BankTransactionId { get; init; }

    public PayoutMatchKind Kind { get; init; }

    /// <summary>The Admin who matched it by hand; null for an automatic match.</summary>
    public Guid? MatchedByUserId { get; init; }

    public DateTimeOffset MatchedAt { get; init; }
}
