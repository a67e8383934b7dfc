using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Audit.Checkpoints;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class AuditSigningKeyConfiguration : IEntityTypeConfiguration<AuditSigningKey>
{
    public void Configure(EntityTypeBuilder<AuditSigningKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.PublicKeyPem).IsRequired();
        builder.Property(k => k.ProtectedPrivateKey).IsRequired();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.HasKey(c => c.Id);
        // "The latest checkpoint" and the newest-first list both read this index.
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
        builder.Property(c => c.Statement).IsRequired();
        builder.HasOne<AuditSigningKey>().WithMany().HasForeignKey(c => c.KeyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditCheckpointLeafConfiguration : IEntityTypeConfiguration<AuditCheckpointLeaf>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointLeaf> builder)
    {
        builder.HasKey(l => new { l.CheckpointId, l.ChainId });
        // Proofs and the consistency check look a chain's leaves up across all checkpoints.
        builder.HasIndex(l => new { l.ChainId, l.Sequence });
        builder.Property(l => l.Sequence).ValueGeneratedNever();
        builder.HasOne<AuditCheckpoint>().WithMany().HasForeignKey(l => l.CheckpointId).OnDelete(DeleteBehavior.Restrict);
    }
}
