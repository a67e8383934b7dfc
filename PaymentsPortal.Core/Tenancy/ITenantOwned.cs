namespace PaymentsPortal.Core.Tenancy;

/// <summary>A row that belongs to one merchant. The DbContext filters these to the current merchant.</summary>
public interface ITenantOwned
{
    Guid MerchantId { get; }
}
