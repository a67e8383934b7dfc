namespace PaymentsPortal.Core.Tenancy;

/// <summary>A business that takes payments through the portal: the tenant every owned row belongs to.</summary>
public sealed class Merchant
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; }

    public string Name { get; private set; } = "";

    /// <summary>The name upper-cased: unique, so "Acme" and "ACME" cannot both exist, even when created at once.</summary>
    public string NormalizedName { get; private set; } = "";

    public MerchantStatus Status { get; set; } = MerchantStatus.Active;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static Merchant Create(Guid id, string name, DateTimeOffset now)
    {
        var merchant = new Merchant { Id = id, CreatedAt = now, UpdatedAt = now };
        merchant.Rename(name);
        return merchant;
    }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string name)
    {
        Name = name.Trim();
        NormalizedName = Normalize(name);
    }
}
