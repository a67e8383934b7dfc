using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways;

/// <summary>
/// A card token from a gateway's hosted fields (a Stripe PaymentMethod id, a Braintree payment method nonce).
/// It is only usable on the gateway that issued it; the router records a skipped attempt elsewhere.
/// </summary>
public sealed record PaymentToken(GatewayKind IssuedBy, string Value);

/// <summary>
/// Authorize (and with <paramref name="Capture"/> also capture) a payment. <paramref name="AttemptId"/> is the
/// persisted attempt's id: Stripe receives it as the Idempotency-Key, Braintree as the order id, so a
/// retried or replayed call can never charge twice and the attempt can be looked up later.
/// </summary>
public sealed record AuthorizeRequest(
    Guid AttemptId,
    Guid MerchantId,
    Guid PaymentId,
    Money Amount,
    PaymentToken Token,
    bool Capture,
    string? Description,
    string? CustomerEmail,
    string? ReturnUrl);

/// <summary>Capture an authorized charge, fully or in part. <paramref name="OperationId"/> is the idempotency key.</summary>
public sealed record CaptureRequest(Guid OperationId, string GatewayReference, Money Amount);

/// <summary>Cancel an authorization that was not captured (Braintree: reverse, which voids or refunds as needed).</summary>
public sealed record VoidRequest(Guid OperationId, string GatewayReference);

/// <summary>Refund a captured charge, fully or in part. <paramref name="RefundId"/> is the idempotency key and reference.</summary>
public sealed record RefundRequest(Guid RefundId, string GatewayReference, Money Amount, string? Reason);

/// <summary>
/// What the gateway knows about the attempt with our reference (the attempt id). <see cref="Found"/> is false only
/// when the gateway answered and holds no such charge; an unreachable gateway is <see cref="GatewayOutcome.Unknown"/>.
/// </summary>
public sealed record GatewayLookup(GatewayOutcome Outcome, bool Found, GatewayChargeState? State, string? GatewayReference, Money? Amount, string? Message = null)
{
    public static GatewayLookup NotFound() => new(GatewayOutcome.Succeeded, false, null, null, null);

    public static GatewayLookup Of(GatewayChargeState state, string reference, Money amount) => new(GatewayOutcome.Succeeded, true, state, reference, amount);

    public static GatewayLookup Unreachable(GatewayOutcome outcome, string message) => new(outcome, false, null, null, null, message);
}

/// <summary>A charge's state at the gateway, in the portal's words.</summary>
public enum GatewayChargeState
{
    /// <summary>Authorized, not captured: money is held but not taken.</summary>
    Authorized = 1,

    /// <summary>Captured (or settling / settled).</summary>
    Captured = 2,

    /// <summary>Waiting for the customer (3-D Secure).</summary>
    RequiresAction = 3,

    /// <summary>Declined or failed: no money moved.</summary>
    Failed = 4,

    /// <summary>Voided or canceled before capture: no money moved.</summary>
    Voided = 5,

    /// <summary>Captured and fully refunded.</summary>
    Refunded = 6,

    /// <summary>Being processed; look again later.</summary>
    Processing = 7,
}
