using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Payouts;

/// <summary>What one gateway event says about one payout, and when the gateway said it.</summary>
public sealed record PayoutReport(
    GatewayKind Gateway,
    string Reference,
    Money Amount,
    string GatewayStatus,
    PayoutStatus Status,
    DateTimeOffset ArrivalDate,
    string? StatementDescriptor,
    string? FailureCode,
    string? FailureMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset ReportedAt);
