namespace PaymentsPortal.Core.Banking.Reconciliation;

public enum PayoutMatchKind
{
    /// <summary>Exactly one deposit had the payout's amount and currency within the date window, and it matched no other payout.</summary>
    Automatic = 1,

    /// <summary>An Admin chose the pair, for a near-miss or an ambiguous case.</summary>
    Manual = 2,
}
