using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class GatewaySyncCursorConfiguration : IEntityTypeConfiguration<GatewaySyncCursor>
{
    public void Configure(EntityTypeBuilder<GatewaySyncCursor> builder)
    {
        builder.HasKey(c => new { c.MerchantId, c.Gateway });
        builder.Property(c => c.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.LastError).HasMaxLength(GatewaySyncCursor.ErrorMaxLength);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(c => c.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.HasKey(d => new { d.MerchantId, d.Id });
        builder.Property(d => d.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.GatewayReference).HasMaxLength(Dispute.ReferenceMaxLength);
        builder.Property(d => d.ChargeReference).HasMaxLength(Dispute.ReferenceMaxLength);
        builder.Property(d => d.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(d => d.Reason).HasMaxLength(Dispute.ReasonMaxLength);
        builder.Property(d => d.GatewayStatus).HasMaxLength(Dispute.ReasonMaxLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(d => d.Amount);

        // One row per gateway dispute: every report of it lands on that row.
        builder.HasIndex(d => new { d.MerchantId, d.Gateway, d.GatewayReference }).IsUnique();
        builder.HasIndex(d => new { d.MerchantId, d.PaymentId }).HasFilter("payment_id IS NOT NULL");

        // Open disputes by due date: what needs an answer first.
        builder.HasIndex(d => new { d.MerchantId, d.Status, d.EvidenceDueBy });

        // The list, newest first.
        builder.HasIndex(d => new { d.MerchantId, d.OpenedAt, d.Id });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(d => d.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_disputes_amount", "amount_minor >= 0"));
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.HasKey(p => new { p.MerchantId, p.Id });
        builder.Property(p => p.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.GatewayReference).HasMaxLength(Payout.ReferenceMaxLength);
        builder.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.GatewayStatus).HasMaxLength(50);
        builder.Property(p => p.StatementDescriptor).HasMaxLength(100);
        builder.Property(p => p.FailureCode).HasMaxLength(100);
        builder.Property(p => p.FailureMessage).HasMaxLength(500);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(p => p.Amount);
        builder.HasIndex(p => new { p.MerchantId, p.Gateway, p.GatewayReference }).IsUnique();

        // Bank reconciliation matches by arrival date and amount.
        builder.HasIndex(p => new { p.MerchantId, p.ArrivalDate, p.Id });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}
