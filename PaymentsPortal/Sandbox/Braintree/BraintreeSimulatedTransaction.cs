using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// A snapshot of one simulated Braintree transaction, for tests to assert on ("charged exactly once", "voided",
/// "refunded in part") and for the simulator's replies. Statuses are Braintree's words.
/// </summary>
public sealed record BraintreeSimulatedTransaction(
    string Id,
    string LegacyId,
    string OrderId,
    string MerchantAccountId,
    string Status,
    Money Amount,
    DateTimeOffset CreatedAt,
    BraintreeSimulatedCard Card,
    string ProcessorResponseCode,
    string ProcessorResponseMessage,
    string? DeclineType,
    string? GatewayRejectionReason,
    IReadOnlyList<string> StatusHistory,
    IReadOnlyList<BraintreeSimulatedRefund> Refunds,
    DateTimeOffset? SettledAt = null,
    DateOnly? DisbursementDate = null)
{
    /// <summary>Money held (authorized) or taken (submitted, settling, settled), before any refund.</summary>
    public bool HoldsOrTookMoney => Status is "AUTHORIZED" or "SUBMITTED_FOR_SETTLEMENT" or "SETTLING" or "SETTLED";

    /// <summary>What was given back by refunds that did not fail.</summary>
    public Money Refunded => Refunds.Where(r => r.CountsTowardsRefunded).Aggregate(Money.Zero(Amount.Currency), (sum, r) => sum + r.Amount);

    /// <summary>What the customer is out of pocket: the captured amount less refunds; zero if nothing was captured.</summary>
    public Money NetCharged => Status is "SUBMITTED_FOR_SETTLEMENT" or "SETTLING" or "SETTLED" ? Amount - Refunded : Money.Zero(Amount.Currency);
}

/// <summary>A refund of a simulated transaction; its order id is the refund's own (the portal sends its refund id).</summary>
/// <param name="SettledAt">When its settlement batch settled it; what a refund search by statusTransition.settledAt reads.</param>
/// <param name="DisbursementDate">The day a disbursement deducted it; what a search by disbursementDate reads.</param>
public sealed record BraintreeSimulatedRefund(
    string Id, string LegacyId, string TransactionId, string OrderId, string Status, Money Amount, DateTimeOffset CreatedAt, string MerchantAccountId = "",
    DateTimeOffset? SettledAt = null, DateOnly? DisbursementDate = null)
{
    public bool CountsTowardsRefunded => Status is not ("PROCESSOR_DECLINED" or "GATEWAY_REJECTED" or "FAILED" or "VOIDED");
}

/// <summary>What a simulated operation produced: the object to return, or a GraphQL error.</summary>
internal abstract record BraintreeSimulatedOutcome;

internal sealed record TransactionOutcome(BraintreeSimulatedTransaction Transaction) : BraintreeSimulatedOutcome;

internal sealed record RefundOutcome(BraintreeSimulatedRefund Refund) : BraintreeSimulatedOutcome;

internal sealed record SearchOutcome(IReadOnlyList<BraintreeSimulatedTransaction> Transactions, bool HasNextPage, string? EndCursor) : BraintreeSimulatedOutcome;

internal sealed record RefundSearchOutcome(IReadOnlyList<BraintreeSimulatedRefund> Refunds, bool HasNextPage, string? EndCursor) : BraintreeSimulatedOutcome;

internal sealed record DisputeSearchOutcome(IReadOnlyList<BraintreeSimulatedDispute> Disputes, bool HasNextPage, string? EndCursor) : BraintreeSimulatedOutcome;

internal sealed record ClientTokenOutcome(string ClientToken) : BraintreeSimulatedOutcome;

/// <summary>A GraphQL error: <paramref name="ErrorClass"/> as Braintree's extensions.errorClass, with its legacy code.</summary>
internal sealed record ErrorOutcome(string ErrorClass, string Message, string? LegacyCode = null) : BraintreeSimulatedOutcome
{
    public static ErrorOutcome Validation(string legacyCode, string message) => new("VALIDATION", message, legacyCode);

    public static ErrorOutcome NotFound() => new("NOT_FOUND", "An object with this ID was not found.");
}
