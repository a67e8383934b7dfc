using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Disputes;

/// <summary>
/// A chargeback or inquiry a gateway reported on one of the merchant's charges, as last reported. It is written only by
/// <see cref="DisputeLedger"/>, from gateway events (webhooks, or the same events read back by the gateway sync), and only
/// ever moves to what the gateway reported later: <see cref="ReportedAt"/> orders the reports.
/// </summary>
public sealed class Dispute : ITenantOwned
{
    public const int ReferenceMaxLength = 255;
    public const int ReasonMaxLength = 100;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public GatewayKind Gateway { get; init; }

    /// <summary>The gateway's id of the dispute (Stripe dp_…).</summary>
    public string GatewayReference { get; init; } = "";

    /// <summary>The portal's payment whose charge is disputed; null for a charge the portal did not make.</summary>
    public Guid? PaymentId { get; set; }

    /// <summary>The gateway's id of the disputed charge (the payment's reference: Stripe's PaymentIntent).</summary>
    public string? ChargeReference { get; set; }

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "";

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    /// <summary>The network's reason, in the gateway's words (fraudulent, product_not_received…).</summary>
    public string Reason { get; set; } = "";

    public DisputeStatus Status { get; set; }

    /// <summary>The gateway's own status word, kept as reported.</summary>
    public string GatewayStatus { get; set; } = "";

    /// <summary>When the merchant's evidence must be in; null once it no longer matters or when the gateway gave none.</summary>
    public DateTimeOffset? EvidenceDueBy { get; set; }

    /// <summary>When the gateway opened it.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the gateway said what this row holds: a report older than this is stale and changes nothing.</summary>
    public DateTimeOffset ReportedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
