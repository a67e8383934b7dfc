using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Transactions;

/// <summary>
/// One line of a bank account: from Plaid's /transactions/sync or from an imported statement. The amount is signed from the
/// merchant's side, positive when money came in (Plaid's own sign is the reverse and is flipped on the way in), so a payout's
/// deposit is a positive amount. A transaction Plaid later removes stays, marked <see cref="RemovedAt"/>, because a reconciliation
/// may have pointed at it.
/// </summary>
public sealed class BankTransaction : ITenantOwned
{
    public const int ExternalIdMaxLength = 200;
    public const int DescriptionMaxLength = 500;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid AccountId { get; init; }

    public BankTransactionSource Source { get; init; }

    /// <summary>Plaid's transaction_id, or a statement line's fingerprint: unique per account and source, which makes re-reads and re-imports no-ops.</summary>
    public string ExternalId { get; init; } = "";

    public DateOnly Date { get; set; }

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "";

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    public string Description { get; set; } = "";

    public string? CounterpartyName { get; set; }

    public bool Pending { get; set; }

    /// <summary>The statement import that brought it, for statement lines.</summary>
    public Guid? ImportId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }
}
