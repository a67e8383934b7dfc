using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Merchants;

/// <summary>One merchant as the platform's merchants page shows it.</summary>
public sealed record MerchantRow(Guid Id, string Name, MerchantStatus Status, int ActiveMembers, DateTimeOffset CreatedAt);
