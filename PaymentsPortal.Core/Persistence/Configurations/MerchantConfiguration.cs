using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(Merchant.NameMaxLength).IsRequired();
        builder.Property(m => m.NormalizedName).HasMaxLength(Merchant.NameMaxLength).IsRequired();
        builder.HasIndex(m => m.NormalizedName).IsUnique();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
    }
}
