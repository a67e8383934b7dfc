using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Core.Members;

/// <summary>One member of a merchant as the members page shows it.</summary>
public sealed record MemberRow(
    Guid MembershipId,
    Guid UserId,
    string Email,
    string DisplayName,
    MerchantRole Role,
    bool IsDisabled,
    bool TwoFactorEnabled,
    bool IsLockedOut,
    DateTimeOffset Since);
