using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

/// <summary>What the webhooks pages read: endpoints with their health, an endpoint's deliveries, a delivery's attempts.</summary>
public sealed class WebhookDeliveryQueries(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int PageSize = 25;

    public Task<IReadOnlyList<WebhookEndpointRow>> EndpointsAsync(Guid merchantId, CancellationToken cancellationToken = default) =>
        RowsAsync(merchantId, null, cancellationToken);

    public async Task<WebhookEndpointRow?> EndpointAsync(Guid merchantId, Guid endpointId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(merchantId, endpointId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<WebhookEndpointRow>> RowsAsync(Guid merchantId, Guid? only, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var dayAgo = clock.GetUtcNow().AddDays(-1);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => only == null || e.Id == only)
            .OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        var counts = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => only == null || d.EndpointId == only)
            .GroupBy(d => d.EndpointId)
            .Select(g => new
            {
                EndpointId = g.Key,
                Pending = g.Count(d => d.Status == WebhookDeliveryStatus.Pending),
                Failed = g.Count(d => d.Status == WebhookDeliveryStatus.Failed),
                Delivered = g.Count(d => d.Status == WebhookDeliveryStatus.Delivered && d.DeliveredAt >= dayAgo),
            })
            .ToDictionaryAsync(c => c.EndpointId, cancellationToken);
        var attempts = await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.StartedAt >= dayAgo)
            .Join(db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => d.EndpointId)
            .Where(id => only == null || id == only)
            .GroupBy(id => id).Select(g => new { EndpointId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.EndpointId, c => c.Count, cancellationToken);
        return [.. endpoints.Select(e =>
        {
            var c = counts.GetValueOrDefault(e.Id);
            return new WebhookEndpointRow(e.Id, e.Url, e.Description, e.EventTypes, e.Enabled, e.SecretHint, e.PreviousSecretExpiresAt, e.CreatedAt,
                e.CreatedByName, e.ConsecutiveFailures, e.LastSuccessAt, e.LastFailureAt, e.LastFailure, c?.Pending ?? 0, c?.Failed ?? 0,
                c?.Delivered ?? 0, attempts.GetValueOrDefault(e.Id));
        })];
    }

    /// <summary>An endpoint's deliveries, newest first, keyset-paged: <paramref name="before"/> is the last row of the previous page.</summary>
    public async Task<WebhookDeliveryPage> DeliveriesAsync(
        Guid merchantId, Guid endpointId, WebhookDeliveryStatus? status, WebhookDeliveryRow? before, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (status is { } wanted)
        {
            query = query.Where(d => d.Status == wanted);
        }

        if (before is not null)
        {
            query = query.Where(d => d.CreatedAt < before.CreatedAt || (d.CreatedAt == before.CreatedAt && d.Id.CompareTo(before.Id) < 0));
        }

        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(PageSize + 1)
            .Select(d => new WebhookDeliveryRow(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt,
                d.LastStatusCode, d.LastError))
            .ToListAsync(cancellationToken);
        return new WebhookDeliveryPage([.. rows.Take(PageSize)], rows.Count > PageSize);
    }

    public async Task<WebhookDeliveryDetail?> DeliveryAsync(Guid merchantId, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var found = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Id == deliveryId)
            .Join(db.OutboundEvents, d => d.EventId, e => e.Id, (d, e) => new { d, e.Body })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var attempts = await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderByDescending(a => a.Number)
            .ToListAsync(cancellationToken);
        var d = found.d;
        return new WebhookDeliveryDetail(
            new WebhookDeliveryRow(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.LastStatusCode, d.LastError),
            found.Body, attempts);
    }
}
