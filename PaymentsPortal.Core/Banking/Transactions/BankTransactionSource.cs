namespace PaymentsPortal.Core.Banking.Transactions;

public enum BankTransactionSource
{
    Plaid = 1,
    Statement = 2,
}
