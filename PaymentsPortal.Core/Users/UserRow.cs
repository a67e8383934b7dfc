namespace PaymentsPortal.Core.Users;

/// <summary>One account as the platform's users page shows it.</summary>
public sealed record UserRow(
    Guid Id,
    string Email,
    string DisplayName,
    bool IsPlatformAdmin,
    bool IsDisabled,
    bool TwoFactorEnabled,
    bool IsLockedOut,
    int ActiveMemberships,
    DateTimeOffset CreatedAt);
