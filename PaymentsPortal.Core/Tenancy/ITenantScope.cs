namespace PaymentsPortal.Core.Tenancy;

/// <summary>The merchant whose rows a DbContext may see. Null means none: tenant-owned queries return nothing.</summary>
public interface ITenantScope
{
    Guid? MerchantId { get; }
}
