using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class MerchantMembershipConfiguration : IEntityTypeConfiguration<MerchantMembership>
{
    public void Configure(EntityTypeBuilder<MerchantMembership> builder)
    {
        // Tenant-owned tables lead with merchant_id so they can be partitioned or distributed by merchant.
        builder.ToTable("merchant_memberships");
        builder.HasKey(m => new { m.MerchantId, m.Id });
        builder.HasIndex(m => new { m.MerchantId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(m => m.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
