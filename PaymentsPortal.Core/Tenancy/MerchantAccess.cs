using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>One merchant a user may open, with the role they hold there.</summary>
public sealed record MerchantAccess(Guid MerchantId, string MerchantName, MerchantRole Role);
