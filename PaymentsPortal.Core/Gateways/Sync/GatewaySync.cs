using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Redaction;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>
/// Keeps the portal in step with its gateways when webhooks go missing (an outage of ours, a misconfigured endpoint, a signing
/// secret rotated at the gateway only). For each merchant's gateway it reads back the gateway's events since its cursor and stores
/// them in the webhook inbox, where a delivered webhook would have put them; the inbox's unique (provider, event id) turns every
/// event that did arrive into a no-op, and the same handlers then apply the rest. So a missed webhook and a caught-up one can never
/// have different effects, and reading a range twice changes nothing. The cursor moves only after a complete read, so a read cut
/// short is simply done again. Nothing here changes anything at a gateway.
/// </summary>
public sealed partial class GatewaySync(
    IServiceScopeFactory scopes,
    MerchantGatewayChain chains,
    IEnumerable<IGatewayActivityFeed> feeds,
    IEnumerable<IWebhookEventHandler> handlers,
    WebhookInboxWriter inbox,
    WebhookInboxSignal inboxSignal,
    IOptions<GatewaySyncOptions> options,
    TimeProvider clock,
    ILogger<GatewaySync> logger)
{
    private const int StoreBatch = 100;

    private readonly FrozenDictionary<GatewayKind, IGatewayActivityFeed> feedsByKind = feeds.GroupBy(f => f.Kind).ToFrozenDictionary(g => g.Key, g => g.Last());

    // What to ask each gateway for: exactly the event types a handler acts on, so the read is no larger than it must be.
    private readonly FrozenDictionary<WebhookProvider, string[]> handledTypes = handlers
        .GroupBy(h => h.Provider)
        .ToFrozenDictionary(g => g.Key, g => g.Select(h => h.EventType).Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>Every enabled gateway of every merchant that has a feed, one after the other; a failing one does not stop the rest.</summary>
    public async Task<IReadOnlyList<GatewaySyncResult>> SyncAllAsync(CancellationToken cancellationToken = default)
    {
        List<(Guid MerchantId, GatewayKind Gateway)> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var kinds = feedsByKind.Keys.ToList();
            targets = (await db.MerchantGateways.IgnoreQueryFilters().AsNoTracking()
                    .Where(g => g.Enabled && kinds.Contains(g.Gateway))
                    .Select(g => new { g.MerchantId, g.Gateway })
                    .Distinct()
                    .ToListAsync(cancellationToken))
                .OrderBy(t => t.MerchantId).ThenBy(t => t.Gateway)
                .Select(t => (t.MerchantId, t.Gateway)).ToList();
        }

        var results = new List<GatewaySyncResult>(targets.Count);
        foreach (var (merchantId, gateway) in targets)
        {
            results.Add(await SyncAsync(merchantId, gateway, cancellationToken));
        }

        return results;
    }

    /// <summary>Reads one merchant's gateway from its cursor to now.</summary>
    public async Task<GatewaySyncResult> SyncAsync(Guid merchantId, GatewayKind gateway, CancellationToken cancellationToken = default)
    {
        if (!feedsByKind.TryGetValue(gateway, out var feed))
        {
            return new GatewaySyncResult(merchantId, gateway, GatewaySyncOutcome.Failed, Error: $"the portal cannot read {gateway}'s events");
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var startedAt = clock.GetUtcNow();
        if (await ClaimAsync(db, merchantId, gateway, startedAt, cancellationToken) is not { } cursor)
        {
            return new GatewaySyncResult(merchantId, gateway, GatewaySyncOutcome.Busy);
        }

        try
        {
            var connection = (await chains.ForAsync(db, merchantId, cancellationToken)).FirstOrDefault(c => c.Kind == gateway);
            if (connection is null)
            {
                await ReleaseAsync(db, merchantId, gateway, "the gateway is no longer enabled", cancellationToken);
                return new GatewaySyncResult(merchantId, gateway, GatewaySyncOutcome.Failed, Error: "the gateway is no longer enabled");
            }

            var settings = options.Value;
            var since = cursor.SyncedThrough is { } through ? through - settings.Overlap : startedAt - settings.InitialLookback;
            if (since < startedAt - settings.MaxLookback)
            {
                since = startedAt - settings.MaxLookback;
            }

            var provider = gateway == GatewayKind.Stripe ? WebhookProvider.Stripe : WebhookProvider.Braintree;
            var (read, caught) = await StoreAsync(
                merchantId, provider, feed.ReadAsync(connection, since, handledTypes.GetValueOrDefault(provider, []), cancellationToken), cancellationToken);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE gateway_sync_cursors
                SET synced_through = {startedAt}, leased_until = NULL, last_success_at = {clock.GetUtcNow()}, last_error = NULL,
                    last_caught = {caught}, total_caught = total_caught + {caught}
                WHERE merchant_id = {merchantId} AND gateway = {gateway.ToString()}
                """, cancellationToken);
            if (caught > 0)
            {
                LogCaught(logger, caught, gateway, merchantId);
                inboxSignal.Raise();
            }

            return new GatewaySyncResult(merchantId, gateway, GatewaySyncOutcome.Synced, read, caught);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var problem = $"{error.GetType().Name}: {SensitiveDataRedactor.Redact(error.Message)}";
            LogFailed(logger, error, gateway, merchantId);
            await ReleaseAsync(db, merchantId, gateway, problem, CancellationToken.None);
            return new GatewaySyncResult(merchantId, gateway, GatewaySyncOutcome.Failed, Error: problem);
        }
    }

    private async Task<(int Read, int Caught)> StoreAsync(
        Guid merchantId, WebhookProvider provider, IAsyncEnumerable<GatewayActivity> activity, CancellationToken cancellationToken)
    {
        var read = 0;
        var caught = 0;
        var batch = new List<GatewayActivity>(StoreBatch);
        await foreach (var item in activity.WithCancellation(cancellationToken))
        {
            batch.Add(item);
            if (batch.Count == StoreBatch)
            {
                caught += await StoreBatchAsync(merchantId, provider, batch, cancellationToken);
                read += batch.Count;
                batch.Clear();
            }
        }

        caught += await StoreBatchAsync(merchantId, provider, batch, cancellationToken);
        return (read + batch.Count, caught);
    }

    // Through the intake's own writer: the rows join its multi-row statements, and a row already there (the webhook came) is skipped.
    private async Task<int> StoreBatchAsync(Guid merchantId, WebhookProvider provider, List<GatewayActivity> batch, CancellationToken cancellationToken)
    {
        var stored = await Task.WhenAll(batch.Select(item => inbox.StoreAsync(
            new InboundWebhook(merchantId, provider, item.EventId, item.EventType, item.Livemode, item.OccurredAt, item.Payload), cancellationToken)));
        return stored.Count(isNew => isNew);
    }

    // The cursor row is made on first use; the lease is taken only when no one else holds it.
    private async Task<ClaimedCursor?> ClaimAsync(PortalDbContext db, Guid merchantId, GatewayKind gateway, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = gateway.ToString();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO gateway_sync_cursors (merchant_id, gateway, last_caught, total_caught) VALUES ({merchantId}, {name}, 0, 0)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        var claimed = await db.Database.SqlQuery<DateTimeOffset?>($"""
            UPDATE gateway_sync_cursors SET leased_until = {now + options.Value.Lease}, last_run_at = {now}
            WHERE merchant_id = {merchantId} AND gateway = {name} AND (leased_until IS NULL OR leased_until < {now})
            RETURNING synced_through AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : new ClaimedCursor(claimed[0]);
    }

    private static async Task ReleaseAsync(PortalDbContext db, Guid merchantId, GatewayKind gateway, string problem, CancellationToken cancellationToken)
    {
        var clipped = problem.Length <= GatewaySyncCursor.ErrorMaxLength ? problem : problem[..(GatewaySyncCursor.ErrorMaxLength - 1)] + "…";
        await db.Database.ExecuteSqlAsync($"""
            UPDATE gateway_sync_cursors SET leased_until = NULL, last_error = {clipped}
            WHERE merchant_id = {merchantId} AND gateway = {gateway.ToString()}
            """, cancellationToken);
    }

    private sealed record ClaimedCursor(DateTimeOffset? SyncedThrough);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway sync found {Caught} {Gateway} event(s) for merchant {MerchantId} that never arrived by webhook; they are stored and applied now")]
    private static partial void LogCaught(ILogger logger, int caught, GatewayKind gateway, Guid merchantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway sync could not read {Gateway} for merchant {MerchantId}; it keeps its cursor and reads the range again next run")]
    private static partial void LogFailed(ILogger logger, Exception error, GatewayKind gateway, Guid merchantId);
}
