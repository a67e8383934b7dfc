using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;

namespace PaymentsPortal.Core.Banking.Transactions.Browsing;

/// <summary>Where the next page of an account's transactions starts: after this day and id, newest first.</summary>
public readonly record struct BankTransactionCursor(DateOnly Date, Guid Id);

/// <summary>One transaction with the payout it was matched to, if any.</summary>
public sealed record BankTransactionLine(BankTransaction Transaction, Payout? MatchedPayout);

/// <summary>A page of an account's transactions; <see cref="Next"/> is null on the last page.</summary>
public sealed record BankTransactionPage(IReadOnlyList<BankTransactionLine> Rows, BankTransactionCursor? Next);

/// <summary>
/// The sums over everything the filter selects (not only the page shown), in the account's currency. Withdrawn transactions are
/// never counted: the bank took them back. Lines in another currency than the account's are only counted, in
/// <paramref name="OtherCurrency"/>.
/// </summary>
public sealed record BankTransactionTotals(int Count, Money In, Money Out, int OtherCurrency = 0)
{
    public Money Net => In + Out;
}

/// <summary>The account a transactions page is about, closed accounts included (their history stays).</summary>
public sealed record BankAccountView(BankAccountRow Row, bool Closed);
