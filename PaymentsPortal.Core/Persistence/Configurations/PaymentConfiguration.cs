using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

/// <summary>
/// Payments, their timeline and their attempts are hash-partitioned by merchant (the Payments migration
/// creates them with raw SQL, as EF cannot), so every key starts with merchant_id.
/// </summary>
internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.HasKey(p => new { p.MerchantId, p.Id });
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.TokenIssuer).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.TokenValue).HasMaxLength(255);
        builder.Property(p => p.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.GatewayReference).HasMaxLength(255);
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.CustomerEmail).HasMaxLength(320);
        builder.Property(p => p.CardBrand).HasMaxLength(30);
        builder.Property(p => p.CardLast4).HasMaxLength(4);
        builder.Property(p => p.ReviewReason).HasMaxLength(2000);
        builder.Ignore(p => p.Amount);
        builder.Ignore(p => p.Token);
        // The list's newest/oldest order, and the dashboard's one aggregate pass: the included columns are everything the
        // dashboard reads, so its GROUP BY is an index-only scan.
        builder.HasIndex(p => new { p.MerchantId, p.CreatedAt })
            .IncludeProperties(p => new { p.Status, p.CurrencyCode, p.Gateway, p.CapturedMinor, p.RefundedMinor, p.FailedOver });
        builder.HasIndex(p => new { p.MerchantId, p.Status });

        // The list's largest/smallest orders, read by keyset from the cursor at any depth.
        builder.HasIndex(p => new { p.MerchantId, p.AmountMinor, p.Id });
        // Reconciliation finds the payments that are due, across merchants.
        builder.HasIndex(p => p.NextReconciliationAt).HasFilter("next_reconciliation_at IS NOT NULL").HasDatabaseName("ix_payments_reconciliation_due");
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId).OnDelete(DeleteBehavior.Restrict);

        // A link's uses and its payments are read by link; most payments have none, so only theirs are indexed.
        builder.HasIndex(p => new { p.MerchantId, p.PaymentLinkId }).HasFilter("payment_link_id IS NOT NULL");
        builder.HasOne<PaymentLink>().WithMany().HasForeignKey(p => new { p.MerchantId, p.PaymentLinkId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.HasKey(e => new { e.MerchantId, e.PaymentId, e.Sequence });
        builder.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.HasOne<Payment>().WithMany().HasForeignKey(e => new { e.MerchantId, e.PaymentId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentAttemptConfiguration : IEntityTypeConfiguration<PaymentAttempt>
{
    public void Configure(EntityTypeBuilder<PaymentAttempt> builder)
    {
        builder.HasKey(a => new { a.MerchantId, a.Id });
        builder.HasIndex(a => new { a.MerchantId, a.PaymentId, a.Number }).IsUnique();
        builder.Property(a => a.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Operation).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Code).HasMaxLength(200);
        builder.Property(a => a.Message).HasMaxLength(2000);
        builder.Property(a => a.GatewayReference).HasMaxLength(255);
        builder.Property(a => a.GatewayStatus).HasMaxLength(50);
        // The orphan sweep runs across merchants, so this one index does not start with merchant_id.
        builder.HasIndex(a => a.OrphanCheckAt).HasFilter("orphan_check_at IS NOT NULL").HasDatabaseName("ix_payment_attempts_orphan_check_due");
        builder.HasOne<Payment>().WithMany().HasForeignKey(a => new { a.MerchantId, a.PaymentId }).OnDelete(DeleteBehavior.Restrict);
    }
}
