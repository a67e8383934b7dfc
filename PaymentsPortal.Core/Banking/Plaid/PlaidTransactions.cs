namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// One page of /transactions/sync. Apply <see cref="Added"/>, <see cref="Modified"/> and <see cref="Removed"/>, then ask
/// again with <see cref="NextCursor"/> while <see cref="HasMore"/>. Persist the cursor only after the whole run
/// (has_more false) is applied: if a page fails with <see cref="PlaidFailureKind.TransactionsSyncMutation"/>, Plaid
/// requires the run to restart from the cursor it began with, and the pages already read are to be discarded.
/// </summary>
public sealed record PlaidTransactionsSyncResponse(
    IReadOnlyList<PlaidTransaction> Added,
    IReadOnlyList<PlaidTransaction> Modified,
    IReadOnlyList<PlaidRemovedTransaction> Removed,
    string NextCursor,
    bool HasMore,
    string TransactionsUpdateStatus,
    string RequestId)
{
    /// <summary>Plaid has not finished its first pull of the Item's history; an empty page then means "not yet", not "none".</summary>
    public bool IsNotReady => string.Equals(TransactionsUpdateStatus, "NOT_READY", StringComparison.Ordinal);
}

/// <summary>
/// A bank transaction. <see cref="Amount"/> is Plaid's number in major units with Plaid's sign: positive is money
/// leaving the account (a debit), negative is money coming in (a deposit, a payout received). <see cref="GetAmount"/>
/// converts it exactly, keeping that sign.
/// </summary>
public sealed record PlaidTransaction(
    string TransactionId,
    string AccountId,
    decimal Amount,
    string? IsoCurrencyCode,
    string? UnofficialCurrencyCode,
    DateOnly Date,
    DateOnly? AuthorizedDate,
    string? Name,
    bool Pending,
    string? PendingTransactionId,
    string? PaymentChannel,
    string? MerchantName = null,
    PlaidPersonalFinanceCategory? PersonalFinanceCategory = null)
{
    /// <summary>The amount as Money, positive = money out of the account (Plaid's convention), or why it cannot be one.</summary>
    public PlaidAmount GetAmount() => PlaidMoney.Convert(Amount, IsoCurrencyCode, UnofficialCurrencyCode);
}

/// <summary>A transaction Plaid withdrew, typically a pending one replaced by its posted version.</summary>
public sealed record PlaidRemovedTransaction(string TransactionId, string AccountId);

/// <summary>Plaid's category, e.g. primary "TRANSFER_IN", detailed "TRANSFER_IN_ACCOUNT_TRANSFER".</summary>
public sealed record PlaidPersonalFinanceCategory(string Primary, string Detailed);
