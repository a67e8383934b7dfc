using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Redaction;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Works through the inbox: the entry point a scheduler calls (<see cref="ProcessPendingAsync"/>). Each event is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> in a transaction of its own, so several instances can run at once without taking the same event;
/// its handler's effect, the audit entries and the row's new status commit in that one transaction. A crash before the commit
/// leaves the event Pending and its effect undone, so it is processed again in full, never twice. A failing event is tried again
/// after <see cref="Backoff"/> and is left Failed after <see cref="WebhookInboxEntry.MaxAttempts"/> tries.
/// </summary>
public sealed class WebhookInboxProcessor(
    IServiceScopeFactory scopes, IEnumerable<IWebhookEventHandler> handlers, IAuditTrail trail, TimeProvider clock, ILogger<WebhookInboxProcessor> logger)
{
    /// <summary>The waits after the 1st, 2nd, … failure; short at first, because the commonest cause is a race that ends in seconds.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1), TimeSpan.FromHours(4),
    ];

    /// <summary>The audit target type of an event the portal could not tie to a payment; its id is the inbox row's id.</summary>
    public const string AuditTargetType = "webhook_event";

    private const string HandlerSavepoint = "webhook_handler";

    private readonly FrozenDictionary<(WebhookProvider, string), IWebhookEventHandler> byType =
        handlers.ToFrozenDictionary(h => (h.Provider, h.EventType));

    /// <summary>Processes up to <paramref name="limit"/> due events, oldest due first, and returns how many it handled.</summary>
    public async Task<int> ProcessPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        var handled = 0;
        while (handled < limit && await ProcessNextAsync(cancellationToken))
        {
            handled++;
        }

        return handled;
    }

    /// <summary>When the earliest Pending event falls due, or null when none is waiting (read through the partial due index).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.WebhookInbox.IgnoreQueryFilters()
            .Where(e => e.Status == WebhookInboxStatus.Pending)
            .MinAsync(e => e.NextAttemptAt, cancellationToken);
    }

    private async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var entry = await db.WebhookInbox
            .FromSqlInterpolated($"""
                SELECT * FROM webhook_inbox
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .IgnoreQueryFilters()
            .SingleOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return false;
        }

        // From here the context acts for the event's merchant: every query a handler makes sees that merchant's rows only.
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(entry.MerchantId);
        var actor = WebhookActors.For(entry);
        var attemptsBefore = entry.Attempts;
        WebhookHandling? handling = null;
        await tx.CreateSavepointAsync(HandlerSavepoint, cancellationToken);
        try
        {
            handling = byType.TryGetValue((entry.Provider, entry.EventType), out var handler)
                ? await handler.HandleAsync(new WebhookEvent(db, entry, actor), cancellationToken)
                : WebhookHandling.Ignored($"the portal does not act on {entry.Provider} events of type {entry.EventType}");
            await RecordAsync(db, entry, handling, actor, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Undo whatever the handler did, keep the row's lock, and record the failure in its place.
            handling = null;
            await tx.RollbackToSavepointAsync(HandlerSavepoint, cancellationToken);
            db.ChangeTracker.Clear();
            await RecordFailureAsync(db, entry, attemptsBefore, error, actor, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        handling?.AfterCommit?.Invoke();
        return true;
    }

    private async Task RecordAsync(PortalDbContext db, WebhookInboxEntry entry, WebhookHandling handling, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        entry.Reason = Clip(handling.Reason);
        entry.PaymentId = handling.PaymentId ?? entry.PaymentId;
        if (handling.Deferred)
        {
            await RetryOrGiveUpAsync(db, entry, entry.Attempts + 1, handling.Reason, actor, cancellationToken);
            return;
        }

        entry.Status = handling.Status;
        entry.ProcessedAt = now;
        entry.NextAttemptAt = null;
        await db.SaveChangesAsync(cancellationToken);
        if (handling.Effect)
        {
            await AuditAsync(db, entry, AuditAction.WebhookEventApplied, AuditOutcome.Success, actor, handling.Reason, cancellationToken);
        }

        if (handling.Conflict)
        {
            logger.LogWarning("{Provider} webhook {EventId} ({EventType}) for merchant {MerchantId} contradicts the portal's records: {Reason}",
                entry.Provider, entry.EventId, entry.EventType, entry.MerchantId, handling.Reason);
            await AuditAsync(db, entry, AuditAction.WebhookEventConflicting, AuditOutcome.Failure, actor, handling.Reason, cancellationToken);
        }
    }

    private async Task RecordFailureAsync(
        PortalDbContext db, WebhookInboxEntry claimed, int attemptsBefore, Exception error, AuditActor actor, CancellationToken cancellationToken)
    {
        logger.LogWarning(error, "{Provider} webhook {EventId} ({EventType}) for merchant {MerchantId} failed (try {Try}).",
            claimed.Provider, claimed.EventId, claimed.EventType, claimed.MerchantId, attemptsBefore + 1);

        // The tracked copy may hold a handler's half-made changes; a fresh one carries only the failure.
        var entry = await db.WebhookInbox.IgnoreQueryFilters().SingleAsync(e => e.MerchantId == claimed.MerchantId && e.Id == claimed.Id, cancellationToken);
        await RetryOrGiveUpAsync(db, entry, attemptsBefore + 1, $"{error.GetType().Name}: {SensitiveDataRedactor.Redact(error.Message)}", actor, cancellationToken);
    }

    private async Task RetryOrGiveUpAsync(PortalDbContext db, WebhookInboxEntry entry, int attempts, string problem, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        entry.Attempts = attempts;
        entry.LastError = Clip(problem);
        var givingUp = attempts >= WebhookInboxEntry.MaxAttempts;
        entry.Status = givingUp ? WebhookInboxStatus.Failed : WebhookInboxStatus.Pending;
        entry.NextAttemptAt = givingUp ? null : now + Backoff[Math.Min(attempts, Backoff.Count) - 1];
        entry.ProcessedAt = givingUp ? now : null;
        await db.SaveChangesAsync(cancellationToken);
        if (givingUp)
        {
            logger.LogError("{Provider} webhook {EventId} ({EventType}) for merchant {MerchantId} failed {Attempts} times and is left Failed: {Problem}",
                entry.Provider, entry.EventId, entry.EventType, entry.MerchantId, attempts, entry.LastError);
            await AuditAsync(db, entry, AuditAction.WebhookEventFailed, AuditOutcome.Failure, actor,
                $"gave up after {attempts} tries: {entry.LastError}", cancellationToken);
        }
    }

    private Task<AuditEntry> AuditAsync(
        PortalDbContext db, WebhookInboxEntry entry, AuditAction action, AuditOutcome outcome, AuditActor actor, string reason, CancellationToken cancellationToken) =>
        trail.AppendAsync(db, new AuditRecord(
            entry.MerchantId, action, outcome, actor,
            entry.PaymentId is not null ? Payments.PaymentTimeline.AuditTargetType : AuditTargetType,
            (entry.PaymentId ?? entry.Id).ToString(),
            reason,
            new
            {
                provider = entry.Provider.ToString(),
                event_id = entry.EventId,
                event_type = entry.EventType,
                inbox_id = entry.Id,
                attempts = entry.Attempts,
            }), cancellationToken);

    private static string Clip(string text) => text.Length <= WebhookInboxEntry.NoteMaxLength ? text : text[..(WebhookInboxEntry.NoteMaxLength - 1)] + "…";
}
