using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// A transaction as the simulated bank reports it. <see cref="Amount"/> follows Plaid's sign convention: positive when money
/// leaves the account (a purchase), negative when it comes in (a payout from Stripe is a negative amount).
/// </summary>
/// <param name="Date">The posted date; for a pending transaction, the day it happened.</param>
/// <param name="PendingTransactionId">On a posted transaction, the pending one it replaced (which sync then reports removed).</param>
/// <param name="Payer">For incoming transfers, who sent the money (payment_meta.payer), e.g. "STRIPE".</param>
public sealed record PlaidSimulatedTransaction(
    string TransactionId,
    string AccountId,
    Money Amount,
    DateOnly Date,
    DateOnly? AuthorizedDate,
    string Name,
    string? MerchantName,
    bool Pending,
    string? PendingTransactionId,
    string PaymentChannel,
    string CategoryPrimary,
    string CategoryDetailed,
    string? Payer = null,
    string? ReferenceNumber = null)
{
    public override string ToString() => $"{TransactionId} {Name} {Amount.MinorUnits} {Amount.Currency.Code}{(Pending ? " pending" : "")}";
}

/// <summary>What a test (or /sandbox/transactions/create) adds to an account; the simulator gives it an id.</summary>
/// <param name="Amount">Plaid's convention: positive is money out, negative is money in.</param>
public sealed record PlaidNewTransaction(
    Money Amount,
    DateOnly Date,
    string Name,
    string? MerchantName = null,
    bool Pending = false,
    DateOnly? AuthorizedDate = null,
    string PaymentChannel = "other",
    string CategoryPrimary = "GENERAL_SERVICES",
    string CategoryDetailed = "GENERAL_SERVICES_OTHER_GENERAL_SERVICES",
    string? Payer = null);
