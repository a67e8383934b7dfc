using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class WebhookInboxConfiguration : IEntityTypeConfiguration<WebhookInboxEntry>
{
    public void Configure(EntityTypeBuilder<WebhookInboxEntry> builder)
    {
        builder.ToTable("webhook_inbox");
        builder.HasKey(e => new { e.MerchantId, e.Id });
        builder.Property(e => e.Provider).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.EventId).HasMaxLength(WebhookInboxEntry.EventIdMaxLength);
        builder.Property(e => e.EventType).HasMaxLength(WebhookInboxEntry.EventTypeMaxLength);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LastError).HasMaxLength(WebhookInboxEntry.NoteMaxLength);
        builder.Property(e => e.Reason).HasMaxLength(WebhookInboxEntry.NoteMaxLength);

        // A redelivery is the same (provider, event id): the intake's INSERT … ON CONFLICT DO NOTHING stores it once. The merchant
        // leads, as in every tenant key, so the constraint still holds when the table is distributed by merchant.
        builder.HasIndex(e => new { e.MerchantId, e.Provider, e.EventId }).IsUnique();

        // The processor's claim: the oldest due Pending row, across merchants.
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_inbox_due");

        // A payment's events, for its page and for operators.
        builder.HasIndex(e => new { e.MerchantId, e.PaymentId }).HasFilter("payment_id IS NOT NULL");
        builder.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_webhook_inbox_attempts", "attempts >= 0"));
    }
}
