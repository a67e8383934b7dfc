using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Retention;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Keyed by chain and position: a fork (two entries at one position) cannot be stored.
        builder.HasKey(e => new { e.MerchantId, e.Sequence });
        builder.HasIndex(e => new { e.MerchantId, e.Id }).IsUnique();
        builder.HasIndex(e => new { e.MerchantId, e.Action, e.OccurredAt });

        // One entity's history (a payment's page, a refund): without it, reading it scans the merchant's whole chain.
        builder.HasIndex(e => new { e.MerchantId, e.TargetType, e.TargetId, e.Sequence });
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorType).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Action).HasConversion<int>();
        builder.Property(e => e.ActorName).HasMaxLength(2000);
        builder.Property(e => e.Details).IsRequired();
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder) => builder.HasKey(h => h.MerchantId);
}

internal sealed class AuditRetentionRunConfiguration : IEntityTypeConfiguration<AuditRetentionRun>
{
    public void Configure(EntityTypeBuilder<AuditRetentionRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(r => new { r.MerchantId, r.RemovedThroughSequence }).IsUnique();
        builder.Property(r => r.RemovedBy).HasMaxLength(200);
    }
}
