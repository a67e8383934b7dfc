using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Payments.Export;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class PaymentExportConfiguration : IEntityTypeConfiguration<PaymentExport>
{
    public void Configure(EntityTypeBuilder<PaymentExport> builder)
    {
        builder.HasKey(e => new { e.MerchantId, e.Id });
        builder.Property(e => e.RequestedByName).HasMaxLength(200);
        builder.Property(e => e.FilterJson).HasColumnType("jsonb");
        builder.Property(e => e.Sort).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Failure).HasMaxLength(500);
        builder.HasIndex(e => new { e.MerchantId, e.RequestedAt });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}
