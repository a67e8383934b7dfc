using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Browsing;

/// <summary>
/// Sends an event that failed every try back to processing, once an Admin has fixed what made it fail (a gateway's settings, a
/// missing webhook secret). It gets a new round of <see cref="WebhookInboxEntry.MaxAttempts"/> tries; its last error stays on the row
/// until a try replaces it. Only Failed events: a Pending one is still being tried, a finished one has had its effect.
/// </summary>
public sealed class ReceivedWebhookRetry(IServiceScopeFactory scopes, IAuditTrail trail, WebhookInboxSignal signal, TimeProvider clock)
{
    public async Task<CommandResult> RetryAsync(UserAccess access, Guid eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.WebhooksManage) || access.UserId is null)
        {
            return CommandResult.Fail("Your role cannot retry received events.");
        }

        var by = access.AsActor();
        await using (var scope = scopes.CreateForMerchant(merchant.MerchantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var entry = await db.WebhookInbox
                .FromSql($"SELECT * FROM webhook_inbox WHERE merchant_id = {merchant.MerchantId} AND id = {eventId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (entry is null)
            {
                return CommandResult.Fail("There is no such event.");
            }

            if (entry.Status != WebhookInboxStatus.Failed)
            {
                return CommandResult.Fail($"Only an event that failed can be retried; this one is {entry.Status.ToString().ToLowerInvariant()}.");
            }

            var now = clock.GetUtcNow();
            var attemptsBefore = entry.Attempts;
            entry.Status = WebhookInboxStatus.Pending;
            entry.Attempts = 0;
            entry.NextAttemptAt = now;
            entry.ProcessedAt = null;
            await db.SaveChangesAsync(cancellationToken);
            await trail.AppendAsync(db, new AuditRecord(
                merchant.MerchantId, AuditAction.WebhookEventRetried, AuditOutcome.Success, by.Actor,
                entry.PaymentId is not null ? Payments.PaymentTimeline.AuditTargetType : WebhookInboxProcessor.AuditTargetType,
                (entry.PaymentId ?? entry.Id).ToString(),
                $"Sent {entry.Provider} event {entry.EventType} back to processing after {attemptsBefore} failed tries",
                new { provider = entry.Provider.ToString(), event_id = entry.EventId, event_type = entry.EventType, inbox_id = entry.Id, last_error = entry.LastError },
                by.Origin), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        // After the commit, so the drain (on an instance that runs jobs) finds it Pending; otherwise the webhook-inbox job takes it.
        signal.Raise();
        return CommandResult.Ok;
    }
}
