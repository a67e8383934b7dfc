namespace PaymentsPortal.Core.Tenancy;

/// <summary>A business that takes payments through the portal: the tenant every owned row belongs to.</summary>
public sealed class Merchant
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; }

    public string Name { get; set; } = "";

    public MerchantStatus Status { get; set; } = MerchantStatus.Active;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
