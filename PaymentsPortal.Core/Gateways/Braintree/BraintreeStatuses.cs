namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>Braintree's PaymentStatus values, grouped by what they mean for money.</summary>
internal static class BraintreeStatuses
{
    public const string Authorized = "AUTHORIZED";
    public const string Authorizing = "AUTHORIZING";
    public const string AuthorizationExpired = "AUTHORIZATION_EXPIRED";
    public const string SubmittedForSettlement = "SUBMITTED_FOR_SETTLEMENT";
    public const string Settling = "SETTLING";
    public const string Settled = "SETTLED";
    public const string SettlementPending = "SETTLEMENT_PENDING";
    public const string SettlementConfirmed = "SETTLEMENT_CONFIRMED";
    public const string SettlementDeclined = "SETTLEMENT_DECLINED";
    public const string Voided = "VOIDED";
    public const string ProcessorDeclined = "PROCESSOR_DECLINED";
    public const string GatewayRejected = "GATEWAY_REJECTED";
    public const string Failed = "FAILED";

    /// <summary>Captured: the money is being or has been taken.</summary>
    public static bool IsCaptured(string? status) =>
        status is SubmittedForSettlement or Settling or Settled or SettlementPending or SettlementConfirmed;

    /// <summary>Terminal states in which no money moved.</summary>
    public static bool IsFailed(string? status) =>
        status is ProcessorDeclined or GatewayRejected or Failed or SettlementDeclined;
}
