using PaymentsPortal.Core.Banking.Links;

namespace PaymentsPortal.Core.Banking.Accounts;

/// <summary>A bank account as the accounts page shows it: the account, the link it is read through (if any), and its last statement import.</summary>
public sealed record BankAccountRow(BankAccount Account, BankLink? Link, DateTimeOffset? LastImportAt, int TransactionCount)
{
    /// <summary>"Operating ••4321": how the portal names an account everywhere, never with more than the bank's mask.</summary>
    public string DisplayName => Account.Mask is { } mask ? $"{Account.Name} ••{mask}" : Account.Name;
}
