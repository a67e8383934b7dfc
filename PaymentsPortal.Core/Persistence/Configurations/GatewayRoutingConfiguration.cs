using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class MerchantGatewayConfiguration : IEntityTypeConfiguration<MerchantGateway>
{
    public void Configure(EntityTypeBuilder<MerchantGateway> builder)
    {
        builder.HasKey(g => new { g.MerchantId, g.Gateway });
        builder.Property(g => g.Gateway).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.AccountId).HasMaxLength(200);
        builder.Property(g => g.MerchantAccountId).HasMaxLength(200);
        builder.Property(g => g.ProtectedSecret).HasMaxLength(4000);
        builder.Property(g => g.SecretHint).HasMaxLength(10);
        builder.Property(g => g.ProtectedWebhookSecret).HasMaxLength(4000);
        builder.Property(g => g.WebhookSecretHint).HasMaxLength(10);
        builder.Ignore(g => g.AttemptTimeout);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(g => g.MerchantId).OnDelete(DeleteBehavior.Restrict);
        // One gateway per place in the order; timeouts from 100 ms (a fast fail) to 60 s (a slow 3-D Secure issuer).
        builder.HasIndex(g => new { g.MerchantId, g.Priority }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_merchant_gateways_timeout", "attempt_timeout_ms BETWEEN 100 AND 60000"));
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.MerchantId, r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(20);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
