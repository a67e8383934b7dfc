using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.HasKey(r => new { r.MerchantId, r.Id });
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ChargeReference).HasMaxLength(255);
        builder.Property(r => r.GatewayRefundReference).HasMaxLength(255);
        builder.Property(r => r.Reason).HasMaxLength(Refund.ReasonMaxLength);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(RefundRequests.KeyMaxLength);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionNote).HasMaxLength(RefundDecisions.NoteMaxLength);
        builder.Property(r => r.FailureCode).HasMaxLength(200);
        builder.Property(r => r.FailureMessage).HasMaxLength(2000);
        builder.Ignore(r => r.Amount);
        builder.Ignore(r => r.SentAt);
        builder.HasIndex(r => new { r.MerchantId, r.IdempotencyKey }).IsUnique();
        builder.HasIndex(r => new { r.MerchantId, r.PaymentId });

        // The approvals queue and the dashboard's "needs attention" count.
        builder.HasIndex(r => new { r.MerchantId, r.Status });
        builder.HasIndex(r => r.NextReconciliationAt).HasFilter("next_reconciliation_at IS NOT NULL").HasDatabaseName("ix_refunds_reconciliation_due");
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => new { r.MerchantId, r.PaymentId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RefundApprovalThresholdConfiguration : IEntityTypeConfiguration<RefundApprovalThreshold>
{
    public void Configure(EntityTypeBuilder<RefundApprovalThreshold> builder)
    {
        builder.HasKey(t => new { t.MerchantId, t.CurrencyCode });
        builder.Property(t => t.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Ignore(t => t.Threshold);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(t => t.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
