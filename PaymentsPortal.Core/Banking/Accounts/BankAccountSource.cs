namespace PaymentsPortal.Core.Banking.Accounts;

public enum BankAccountSource
{
    Plaid = 1,

    /// <summary>Filled by statement imports (CSV, OFX/QFX) for banks Plaid does not reach.</summary>
    Statement = 2,
}
