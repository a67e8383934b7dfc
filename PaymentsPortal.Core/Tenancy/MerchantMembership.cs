using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>A user's role in one merchant. Tenant-owned: keyed by (merchant_id, id).</summary>
public sealed class MerchantMembership : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public MerchantRole Role { get; set; }

    /// <summary>A disabled membership grants nothing; it is kept so that history stays readable.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
