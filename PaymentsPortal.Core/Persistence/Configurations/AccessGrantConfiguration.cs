using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Access.Grants;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> builder)
    {
        builder.HasKey(g => new { g.MerchantId, g.Id });
        // One open request or grant in force per member and merchant, even when two requests race.
        builder.HasIndex(g => new { g.MerchantId, g.UserId })
            .IsUnique()
            .HasFilter("status IN ('Requested', 'Approved')")
            .HasDatabaseName("ix_access_grants_one_open_per_member");
        builder.HasIndex(g => new { g.MerchantId, g.Status, g.RequestedAt });
        // The resolver looks up a user's grants in force across merchants; the sweep finds the due ones.
        builder.HasIndex(g => new { g.UserId, g.ExpiresAt }).HasFilter("status = 'Approved'");
        builder.HasIndex(g => g.ExpiresAt).HasFilter("status = 'Approved'").HasDatabaseName("ix_access_grants_due");
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.StandingRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Justification).HasMaxLength(GrantRules.TextMaxLength).IsRequired();
        builder.Property(g => g.DecisionReason).HasMaxLength(GrantRules.TextMaxLength);
        builder.Property(g => g.EndReason).HasMaxLength(GrantRules.TextMaxLength);
        builder.Ignore(g => g.Duration);
        builder.Ignore(g => g.IsOpen);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(g => g.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_access_grants_duration", "duration_minutes BETWEEN 15 AND 480"));
    }
}
