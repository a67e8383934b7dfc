using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>Where a gateway says a refund stands.</summary>
public enum GatewayRefundState
{
    /// <summary>Money is going back to the customer.</summary>
    Succeeded = 1,

    /// <summary>Refused or failed: no money went back.</summary>
    Failed = 2,

    /// <summary>Still being processed at the gateway.</summary>
    Pending = 3,
}

/// <summary>What one event says about one refund.</summary>
public sealed record RefundReport(GatewayKind Gateway, GatewayRefundState State, string? Reference, Money? Amount, string? FailureCode);
