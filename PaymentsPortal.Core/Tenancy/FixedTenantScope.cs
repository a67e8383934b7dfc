namespace PaymentsPortal.Core.Tenancy;

/// <summary>A tenant scope fixed at construction: for jobs, seeding and tests that act for one merchant or none.</summary>
public sealed class FixedTenantScope(Guid? merchantId) : ITenantScope
{
    public static FixedTenantScope None { get; } = new(null);

    public Guid? MerchantId { get; } = merchantId;
}
