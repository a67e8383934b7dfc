using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payouts;

/// <summary>
/// Money a gateway sent from the merchant's balance to their bank account, as last reported. Bank reconciliation matches these
/// with deposits. Written only by <see cref="PayoutLedger"/>, from gateway events; <see cref="ReportedAt"/> orders the reports.
/// </summary>
public sealed class Payout : ITenantOwned
{
    public const int ReferenceMaxLength = 255;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public GatewayKind Gateway { get; init; }

    /// <summary>The gateway's id of the payout (Stripe po_…).</summary>
    public string GatewayReference { get; init; } = "";

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "";

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    public PayoutStatus Status { get; set; }

    /// <summary>The gateway's own status word, kept as reported.</summary>
    public string GatewayStatus { get; set; } = "";

    /// <summary>When the gateway expects the money in the bank account.</summary>
    public DateTimeOffset ArrivalDate { get; set; }

    /// <summary>What the bank statement shows, when the gateway says.</summary>
    public string? StatementDescriptor { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the gateway said what this row holds: a report older than this is stale and changes nothing.</summary>
    public DateTimeOffset ReportedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
