namespace PaymentsPortal.Core.Gateways;

/// <summary>
/// How a gateway call ended. Only <see cref="NotSent"/> and a retryable <see cref="Declined"/> allow trying
/// another gateway; <see cref="Unknown"/> never means "not charged".
/// </summary>
public enum GatewayOutcome
{
    /// <summary>The gateway did what was asked (authorized, captured, voided, refunded).</summary>
    Succeeded = 1,

    /// <summary>The customer must act first, for example complete a 3-D Secure challenge.</summary>
    RequiresAction = 2,

    /// <summary>The gateway answered no. <see cref="GatewayResult.RetryableElsewhere"/> says whether another gateway may try.</summary>
    Declined = 3,

    /// <summary>The request provably never reached the gateway: connection refused, name not resolved, circuit open, token unusable there.</summary>
    NotSent = 4,

    /// <summary>The request may have been processed: timeout, connection reset after sending, 5xx, an unreadable reply.</summary>
    Unknown = 5,
}
