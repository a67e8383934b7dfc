using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

/// <summary>
/// What an Admin does to deliveries: send one again (replay) and send a test event. Both are audited, queue the work in the
/// database and wake every instance's dispatcher at commit; the dispatcher makes the request, so a replay is retried like
/// any delivery if the receiver is still down.
/// </summary>
public sealed class WebhookDeliveryActions(IServiceScopeFactory scopes, WebhookOutbox outbox, IAuditTrail trail, TimeProvider clock)
{
    /// <summary>Sends the delivery's event again, to the same endpoint, with the same body and a fresh retry window.</summary>
    public async Task<CommandResult> ReplayAsync(Guid merchantId, ActingUser by, Guid deliveryId)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var delivery = await db.WebhookDeliveries
            .FromSqlInterpolated($"SELECT * FROM webhook_deliveries WHERE merchant_id = {merchantId} AND id = {deliveryId} FOR UPDATE")
            .SingleOrDefaultAsync();
        if (delivery is null)
        {
            return CommandResult.Fail("That delivery does not exist any more.");
        }

        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId);
        if (!endpoint.Enabled)
        {
            return CommandResult.Fail("The endpoint is switched off. Switch it on to send events to it again.");
        }

        var now = clock.GetUtcNow();
        if (delivery.Status == WebhookDeliveryStatus.Pending && delivery.LeaseId is not null && delivery.NextAttemptAt > now)
        {
            return CommandResult.Fail("An attempt is being made right now. Wait for its answer, then send it again if you still need to.");
        }

        var before = delivery.Status;
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.RetryWindowStart = now;
        delivery.ReplayRequested = true;
        delivery.DeliveredAt = null;
        await db.SaveChangesAsync();
        await WakeDispatchersAsync(db);
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.WebhookDeliveryReplayed, AuditOutcome.Success, by.Actor,
            WebhookEndpointAdministration.AuditTargetType, endpoint.Id.ToString(), null,
            new { delivery_id = delivery.Id, event_id = delivery.EventId, event_type = delivery.EventType, status_before = before.ToString(), url = endpoint.Url },
            by.Origin));
        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    /// <summary>Sends a webhook_endpoint.test event to this endpoint only, whatever types it subscribes to.</summary>
    public async Task<CommandResult<Guid>> SendTestAsync(Guid merchantId, ActingUser by, Guid endpointId)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId);
        if (endpoint is null)
        {
            return CommandResult.Failure<Guid>("That endpoint does not exist, or was deleted meanwhile.");
        }

        if (!endpoint.Enabled)
        {
            return CommandResult.Failure<Guid>("The endpoint is switched off. Switch it on to send a test event.");
        }

        var now = clock.GetUtcNow();
        var test = outbox.Add(db, merchantId, WebhookEventTypes.EndpointTest, WebhookEndpointAdministration.AuditTargetType, endpointId.ToString(),
            new { @object = "webhook_endpoint", id = endpointId, url = endpoint.Url, sent_by = by.DisplayName }, now);

        // Addressed to this endpoint alone: the fan-out must not give it to the merchant's other endpoints.
        test.FannedOutAt = now;
        var delivery = new WebhookDelivery
        {
            MerchantId = merchantId,
            Id = Guid.CreateVersion7(now),
            EndpointId = endpointId,
            EventId = test.Id,
            EventType = test.Type,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            RetryWindowStart = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.WebhookTestEventSent, AuditOutcome.Success, by.Actor,
            WebhookEndpointAdministration.AuditTargetType, endpointId.ToString(), null, new { event_id = test.Id, delivery_id = delivery.Id, url = endpoint.Url },
            by.Origin));
        await tx.CommitAsync();
        return CommandResult.Returning(delivery.Id);
    }

    // The trigger notifies on new events only; a replay adds none, so it says so itself, at commit like the trigger.
    private static Task<int> WakeDispatchersAsync(PortalDbContext db) =>
        db.Database.ExecuteSqlRawAsync(NotifySql);

    private const string NotifySql = "SELECT pg_notify('" + OutboundWebhookSignal.Channel + "', '')";
}
