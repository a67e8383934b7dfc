using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Accounts;

/// <summary>
/// A bank account the merchant's payouts may land in: read through a Plaid link, or kept by hand for statement imports. Only the
/// last digits of its number are ever kept (<see cref="Mask"/>); balances are as of <see cref="BalanceAsOf"/>.
/// </summary>
public sealed class BankAccount : ITenantOwned
{
    public const int NameMaxLength = 200;

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public BankAccountSource Source { get; init; }

    /// <summary>The Plaid link it is read through; null for a statement-only account.</summary>
    public Guid? LinkId { get; init; }

    /// <summary>Plaid's account_id, unique within the link.</summary>
    public string? PlaidAccountId { get; init; }

    public string Name { get; set; } = "";

    public string? OfficialName { get; set; }

    /// <summary>The last 2 to 4 digits of the account number, as the bank shows them.</summary>
    public string? Mask { get; set; }

    /// <summary>depository, credit…, and checking, savings…, in Plaid's words.</summary>
    public string? Type { get; set; }

    public string? Subtype { get; set; }

    public string CurrencyCode { get; set; } = "";

    /// <summary>Plaid Auth's verification_status (automatically_verified, pending_manual_verification, verification_expired…); null when not reported.</summary>
    public string? VerificationStatus { get; set; }

    public long? CurrentBalanceMinor { get; set; }

    public long? AvailableBalanceMinor { get; set; }

    public DateTimeOffset? BalanceAsOf { get; set; }

    public Money? CurrentBalance => CurrentBalanceMinor is { } minor ? new Money(minor, Currency.From(CurrencyCode)) : null;

    public Money? AvailableBalance => AvailableBalanceMinor is { } minor ? new Money(minor, Currency.From(CurrencyCode)) : null;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the bank no longer lists the account or its link was removed; its transactions stay.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}
