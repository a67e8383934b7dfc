using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>
/// Writes down what an attempt came to, in one transaction: the attempt row, the delivery's new state (delivered, retry at
/// a time, or given up), and the endpoint's health. Only the lease holder moves the delivery's schedule; an attempt made
/// after a lease lapsed is still recorded, and a success still counts, since the receiver did get the event.
/// </summary>
public sealed partial class WebhookDeliveryRecorder(
    IServiceScopeFactory scopes, IAuditTrail trail, IOptions<OutboundWebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryRecorder> logger)
{
    /// <summary>The actor of a delivery given up.</summary>
    public static readonly AuditActor Dispatcher = new(AuditActorType.System, null, "webhook dispatcher");

    public async Task RecordAsync(ClaimedDelivery claimed, AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(result);
        await using var scope = scopes.CreateForMerchant(claimed.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries
            .FromSqlInterpolated($"SELECT * FROM webhook_deliveries WHERE merchant_id = {claimed.MerchantId} AND id = {claimed.Id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            // Its endpoint was deleted while the request was on its way.
            return;
        }

        var now = clock.GetUtcNow();
        delivery.Attempts++;
        db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
        {
            MerchantId = delivery.MerchantId,
            Id = Guid.CreateVersion7(now),
            DeliveryId = delivery.Id,
            Number = delivery.Attempts,
            Trigger = claimed.Replay ? WebhookAttemptTrigger.Replay : WebhookAttemptTrigger.Scheduled,
            StartedAt = result.StartedAt,
            DurationMs = result.DurationMs,
            StatusCode = result.StatusCode,
            Succeeded = result.Succeeded,
            Error = Clip(result.Error),
            ResponseExcerpt = result.ResponseExcerpt,
        });
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastError = Clip(result.Error);
        var holdsLease = delivery.LeaseId == claimed.LeaseId && delivery.Status == WebhookDeliveryStatus.Pending;
        var gaveUp = false;
        if (result.Succeeded && delivery.Status is WebhookDeliveryStatus.Pending)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LeaseId = null;
            delivery.ReplayRequested = false;
        }
        else if (holdsLease && !result.Succeeded)
        {
            delivery.LeaseId = null;
            delivery.ReplayRequested = false;
            // The backoff starts again with a replay: count the failures since the window began, this one included.
            var failuresInWindow = 1 + await db.WebhookDeliveryAttempts
                .CountAsync(a => a.DeliveryId == delivery.Id && a.StartedAt >= delivery.RetryWindowStart, cancellationToken);
            delivery.NextAttemptAt = WebhookRetrySchedule.Next(failuresInWindow, delivery.RetryWindowStart, now, options.Value,
                System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000) / 1000.0);
            if (delivery.NextAttemptAt is null)
            {
                delivery.Status = WebhookDeliveryStatus.Failed;
                gaveUp = true;
            }
        }

        await UpdateHealthAsync(db, claimed.EndpointId, result, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (gaveUp)
        {
            LogGaveUp(logger, delivery.Id, claimed.EventType, delivery.MerchantId, delivery.Attempts);
            await trail.AppendAsync(db, new AuditRecord(delivery.MerchantId, AuditAction.WebhookDeliveryFailed, AuditOutcome.Failure, Dispatcher,
                WebhookEndpointAdministration.AuditTargetType, claimed.EndpointId.ToString(), $"gave up after {delivery.Attempts} attempts: {delivery.LastError}",
                new { delivery_id = delivery.Id, event_id = delivery.EventId, event_type = delivery.EventType, attempts = delivery.Attempts }), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    private static async Task UpdateHealthAsync(PortalDbContext db, Guid endpointId, AttemptResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return;
        }

        if (result.Succeeded)
        {
            endpoint.ConsecutiveFailures = 0;
            endpoint.LastSuccessAt = now;
        }
        else
        {
            endpoint.ConsecutiveFailures++;
            endpoint.LastFailureAt = now;
            endpoint.LastFailure = Clip(result.Error);
        }
    }

    private static string? Clip(string? text) =>
        text is null || text.Length <= WebhookDeliveryAttempt.ErrorMaxLength ? text : text[..(WebhookDeliveryAttempt.ErrorMaxLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({EventType}) for merchant {MerchantId} failed {Attempts} times and is given up")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, string eventType, Guid merchantId, int attempts);
}
