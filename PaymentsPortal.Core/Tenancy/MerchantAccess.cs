using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>
/// One merchant a user may open, with the role in force there now: the membership's, or the higher
/// role of a temporary grant, in which case <see cref="Elevation"/> says until when.
/// </summary>
public sealed record MerchantAccess(Guid MerchantId, string MerchantName, MerchantRole Role, TemporaryElevation? Elevation = null);

/// <summary>A temporary grant lifting the membership's <see cref="StandingRole"/> until <see cref="Until"/>.</summary>
public sealed record TemporaryElevation(MerchantRole StandingRole, DateTimeOffset Until);
