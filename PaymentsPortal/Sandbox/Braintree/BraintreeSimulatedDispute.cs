using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>
/// A snapshot of one simulated dispute. Status and reason are GraphQL's enum words (OPEN, WON, LOST; FRAUD); the history lists
/// each status with when it was reached, newest last.
/// </summary>
public sealed record BraintreeSimulatedDispute(
    string Id,
    string LegacyId,
    string TransactionId,
    string TransactionLegacyId,
    string TransactionOrderId,
    Money TransactionAmount,
    Money Amount,
    string Status,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset ReceivedDate,
    DateTimeOffset ReplyByDate,
    IReadOnlyList<(string Status, DateTimeOffset At)> StatusHistory);

/// <summary>A simulated disbursement: the settled money of some transactions paid out to the merchant's bank on <paramref name="Date"/>.</summary>
public sealed record BraintreeSimulatedDisbursement(string Id, string MerchantAccountId, Money Amount, DateTimeOffset Date, IReadOnlyList<string> TransactionLegacyIds);
