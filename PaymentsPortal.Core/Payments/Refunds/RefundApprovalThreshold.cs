using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// The largest refund in one currency that goes straight to the gateway; anything larger waits for an Admin who is
/// not the requester. A currency with no threshold has none to go under: every refund in it needs approval.
/// </summary>
public sealed class RefundApprovalThreshold : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public string CurrencyCode { get; init; } = "";

    public long ThresholdMinor { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Money Threshold => new(ThresholdMinor, Currency.From(CurrencyCode));
}
