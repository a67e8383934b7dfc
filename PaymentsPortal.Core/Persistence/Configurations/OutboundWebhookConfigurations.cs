using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core.Persistence.Configurations;

internal sealed class OutboundEventConfiguration : IEntityTypeConfiguration<OutboundEvent>
{
    public void Configure(EntityTypeBuilder<OutboundEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.HasKey(e => new { e.MerchantId, e.Id });
        builder.Property(e => e.Type).HasMaxLength(OutboundEvent.TypeMaxLength);
        builder.Property(e => e.ObjectType).HasMaxLength(OutboundEvent.ObjectTypeMaxLength);
        builder.Property(e => e.ObjectId).HasMaxLength(OutboundEvent.ObjectIdMaxLength);

        // The dispatcher's fan-out takes the oldest events it has not fanned out yet, across merchants.
        builder.HasIndex(e => e.CreatedAt, "ix_webhook_events_unsent").HasFilter("fanned_out_at IS NULL").HasDatabaseName("ix_webhook_events_unsent");

        // An object's events, newest first, for the Admin looking at one payment; and retention by age.
        builder.HasIndex(e => new { e.MerchantId, e.ObjectType, e.ObjectId });
        builder.HasIndex(e => e.CreatedAt, "ix_webhook_events_created_at").HasDatabaseName("ix_webhook_events_created_at");
        builder.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => new { e.MerchantId, e.Id });
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        builder.Property(e => e.SecretHint).HasMaxLength(10);
        builder.Property(e => e.CreatedByName).HasMaxLength(200);
        builder.Property(e => e.LastFailure).HasMaxLength(WebhookDeliveryAttempt.ErrorMaxLength);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_webhook_endpoints_failures", "consecutive_failures >= 0"));
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => new { d.MerchantId, d.Id });
        builder.Property(d => d.EventType).HasMaxLength(OutboundEvent.TypeMaxLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDeliveryAttempt.ErrorMaxLength);

        // One delivery per event and endpoint: a fan-out that ran twice cannot send an event twice.
        builder.HasIndex(d => new { d.MerchantId, d.EventId, d.EndpointId }).IsUnique();

        // The dispatcher's claim: the oldest due Pending delivery, across merchants.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due");

        // An endpoint's deliveries, newest first.
        builder.HasIndex(d => new { d.MerchantId, d.EndpointId, d.CreatedAt });
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => new { d.MerchantId, d.EndpointId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboundEvent>().WithMany().HasForeignKey(d => new { d.MerchantId, d.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_webhook_deliveries_attempts", "attempts >= 0"));
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts");
        builder.HasKey(a => new { a.MerchantId, a.Id });
        builder.Property(a => a.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.ErrorMaxLength);
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookDeliveryAttempt.ResponseExcerptMaxLength);
        builder.HasIndex(a => new { a.MerchantId, a.DeliveryId, a.Number }).IsUnique();
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => new { a.MerchantId, a.DeliveryId }).OnDelete(DeleteBehavior.Cascade);
    }
}
