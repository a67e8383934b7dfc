using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class PaymentLinkConfiguration : IEntityTypeConfiguration<PaymentLink>
{
    public void Configure(EntityTypeBuilder<PaymentLink> builder)
    {
        builder.HasKey(l => new { l.MerchantId, l.Id });
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Property(l => l.Slug).HasMaxLength(PaymentLinkSlug.Length).IsFixedLength();
        builder.Property(l => l.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(l => l.Description).HasMaxLength(PaymentLink.DescriptionMaxLength);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.CreatedByName).HasMaxLength(200);
        builder.Property(l => l.DeactivatedByName).HasMaxLength(200);
        builder.Ignore(l => l.Amount);

        // The public page finds a link by its slug alone, before it knows the merchant.
        builder.HasIndex(l => l.Slug).IsUnique();

        // The staff list, newest first, read by keyset.
        builder.HasIndex(l => new { l.MerchantId, l.CreatedAt, l.Id });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(l => l.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payment_links_amount_positive", "amount_minor > 0");
            t.HasCheckConstraint("ck_payment_links_max_uses", "max_uses IS NULL OR max_uses >= 1");
        });
    }
}
