using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Core.Payments.Disputes;

/// <summary>What one gateway event says about one dispute, and when the gateway said it.</summary>
/// <param name="ChargeReference">The disputed charge as the portal stores it on the payment (Stripe: the PaymentIntent id).</param>
/// <param name="ReportedAt">The event's own time, which orders reports that arrive out of order.</param>
/// <param name="AttemptId">
/// The portal's attempt the gateway names (Braintree's order id), for a charge whose reference the payment does not hold yet
/// (its reply was lost); tried before <paramref name="ChargeReference"/>.
/// </param>
public sealed record DisputeReport(
    GatewayKind Gateway,
    string Reference,
    string? ChargeReference,
    Money Amount,
    string Reason,
    string GatewayStatus,
    DisputeStatus Status,
    DateTimeOffset? EvidenceDueBy,
    DateTimeOffset OpenedAt,
    DateTimeOffset ReportedAt,
    Guid? AttemptId = null);
