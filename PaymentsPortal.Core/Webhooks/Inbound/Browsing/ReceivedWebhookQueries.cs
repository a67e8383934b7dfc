using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Inbound.Browsing;

/// <summary>
/// The events Stripe, Braintree and Plaid sent the current merchant, for Admins who manage webhooks. Newest first and keyset-paged
/// on the id, which is a version-7 id taken when the event was received, so the primary key (merchant, id) serves the order.
/// </summary>
public sealed class ReceivedWebhookQueries(IServiceScopeFactory scopes)
{
    public async Task<ReceivedWebhookPage> ListAsync(
        UserAccess access, ReceivedWebhookFilter filter, Guid? after, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (access.Current is not { } merchant || !access.Has(Permission.WebhooksManage))
        {
            return new ReceivedWebhookPage([], null);
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var events = db.WebhookInbox.AsNoTracking();
        if (filter.Status is { } status)
        {
            events = events.Where(e => e.Status == status);
        }

        if (filter.Provider is { } provider)
        {
            events = events.Where(e => e.Provider == provider);
        }

        if (filter.Search is { } search)
        {
            var pattern = LikePattern.Containing(search);
            events = events.Where(e => EF.Functions.ILike(e.EventType, pattern, LikePattern.Escape) || EF.Functions.ILike(e.EventId, pattern, LikePattern.Escape));
        }

        if (after is { } cursor)
        {
            events = events.Where(e => e.Id.CompareTo(cursor) < 0);
        }

        var page = await events.OrderByDescending(e => e.Id).Take(pageSize + 1)
            .Select(e => new ReceivedWebhook(e.Id, e.Provider, e.EventId, e.EventType, e.Livemode, e.OccurredAt, e.ReceivedAt, e.Status, e.Attempts,
                e.NextAttemptAt, e.ProcessedAt, e.LastError, e.Reason, e.PaymentId))
            .ToListAsync(cancellationToken);
        var shown = page.Take(pageSize).ToList();
        return new ReceivedWebhookPage(shown, page.Count > pageSize ? shown[^1].Id : null);
    }

    /// <summary>How many events wait for processing and how many gave up: what an Admin should look at first.</summary>
    public async Task<(int Pending, int Failed)> OpenCountsAsync(UserAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.WebhooksManage))
        {
            return (0, 0);
        }

        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var counts = await db.WebhookInbox.AsNoTracking()
            .Where(e => e.Status == WebhookInboxStatus.Pending || e.Status == WebhookInboxStatus.Failed)
            .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return (counts.SingleOrDefault(c => c.Key == WebhookInboxStatus.Pending)?.Count ?? 0,
            counts.SingleOrDefault(c => c.Key == WebhookInboxStatus.Failed)?.Count ?? 0);
    }
}
