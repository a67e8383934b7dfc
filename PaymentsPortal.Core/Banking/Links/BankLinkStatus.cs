namespace PaymentsPortal.Core.Banking.Links;

public enum BankLinkStatus
{
    /// <summary>Reads work.</summary>
    Active = 1,

    /// <summary>Plaid reports an error the merchant must fix (sign in again, renew consent); reads wait until then.</summary>
    NeedsAttention = 2,

    /// <summary>Works now, but the bank's consent ends soon (PENDING_EXPIRATION, PENDING_DISCONNECT): the merchant should renew it.</summary>
    ConsentExpiring = 3,

    /// <summary>Removed at Plaid and the token erased; kept for history.</summary>
    Unlinked = 4,
}
