using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Links;

/// <summary>
/// A merchant's connection to one bank through Plaid (Plaid's "item"): the encrypted access token that reads the bank's accounts,
/// the state the connection is in, and how far transactions have been read. Unlinking keeps the row (with the token erased) so
/// the accounts and their history stay readable and the audit trail has something to point at.
/// </summary>
public sealed class BankLink : ITenantOwned
{
    public const int InstitutionMaxLength = 200;
    public const int ErrorMaxLength = 500;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    /// <summary>Plaid's item_id; not a secret (it reads nothing without the access token).</summary>
    public string PlaidItemId { get; init; } = "";

    public string? InstitutionId { get; set; }

    public string InstitutionName { get; set; } = "";

    /// <summary>The access token, protected with ASP.NET Core Data Protection (keys in PostgreSQL); null once unlinked.</summary>
    public string? ProtectedAccessToken { get; set; }

    public BankLinkStatus Status { get; set; }

    /// <summary>Plaid's error code while the link needs attention (ITEM_LOGIN_REQUIRED…).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>What the merchant is told to do about <see cref="ErrorCode"/>.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>When the bank's consent lapses (OAuth institutions in some regions); the link asks for renewal before then.</summary>
    public DateTimeOffset? ConsentExpiresAt { get; set; }

    /// <summary>Plaid's /transactions/sync cursor: everything before it is stored. Saved in the same transaction as the data it covers.</summary>
    public string? TransactionsCursor { get; set; }

    public DateTimeOffset? TransactionsSyncedAt { get; set; }

    /// <summary>Plaid said new transactions are ready (SYNC_UPDATES_AVAILABLE) at this time; the bank sync reads the link on its next run.</summary>
    public DateTimeOffset? SyncRequestedAt { get; set; }

    public DateTimeOffset? BalancesRefreshedAt { get; set; }

    public Guid? CreatedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? UnlinkedAt { get; set; }
}
