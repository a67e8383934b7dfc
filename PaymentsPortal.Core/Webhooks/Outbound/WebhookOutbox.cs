using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>
/// Puts events in the outbox, in the caller's transaction. <see cref="PaymentTimeline"/> and <see cref="RefundLedger"/> call it
/// where they audit, so a state change, its audit entry and its event commit together or not at all. Adding an event only
/// tracks the row: it is written by the caller's next save, in the same round trip as the change itself.
/// </summary>
public sealed class WebhookOutbox(IOptions<PortalOptions> portal, TimeProvider clock)
{
    /// <summary>
    /// The event a payment's move raises, if any. Moving to the same status (reconciliation looking again) raises none, except
    /// another partial refund, which changes the refunded amount.
    /// </summary>
    public static string? TypeFor(PaymentStatus? from, PaymentStatus to) => from == to && to != PaymentStatus.PartiallyRefunded ? null : to switch
    {
        PaymentStatus.Succeeded => WebhookEventTypes.PaymentSucceeded,
        PaymentStatus.Authorized => WebhookEventTypes.PaymentAuthorized,
        PaymentStatus.Failed => WebhookEventTypes.PaymentFailed,
        PaymentStatus.Canceled => WebhookEventTypes.PaymentCanceled,
        PaymentStatus.Refunded => WebhookEventTypes.PaymentRefunded,
        PaymentStatus.PartiallyRefunded => WebhookEventTypes.PaymentPartiallyRefunded,
        PaymentStatus.RequiresReconciliation or PaymentStatus.RequiresReview => WebhookEventTypes.PaymentNeedsAttention,
        PaymentStatus.Created or PaymentStatus.Processing or PaymentStatus.RequiresAction => null,
    };

    /// <summary>The event a refund's audited step raises, if any.</summary>
    public static string? TypeFor(AuditAction action, RefundStatus status) => action switch
    {
        AuditAction.RefundRequested when status == RefundStatus.PendingApproval => WebhookEventTypes.RefundAwaitingApproval,
        AuditAction.RefundSucceeded => WebhookEventTypes.RefundSucceeded,
        AuditAction.RefundFailed => WebhookEventTypes.RefundFailed,
        AuditAction.RefundRejected or AuditAction.RefundCanceled => WebhookEventTypes.RefundCanceled,
        _ => null,
    };

    /// <summary>Tracks the event of a payment's move; the caller's save writes it.</summary>
    public void AddForPayment(PortalDbContext db, Payment payment, PaymentStatus? from)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payment);
        if (TypeFor(from, payment.Status) is { } type)
        {
            var now = clock.GetUtcNow();
            Add(db, payment.MerchantId, type, "payment", payment.Id.ToString(), OutboundEventBodies.Payment(payment, now), now);
        }
    }

    /// <summary>Tracks the event of a refund's step and says whether there was one; the caller's save writes it.</summary>
    public bool AddForRefund(PortalDbContext db, Refund refund, AuditAction action)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(refund);
        if (TypeFor(action, refund.Status) is not { } type)
        {
            return false;
        }

        Add(db, refund.MerchantId, type, "refund", refund.Id.ToString(), OutboundEventBodies.Refund(refund), clock.GetUtcNow());
        return true;
    }

    /// <summary>Tracks any event; used for the test event an Admin sends.</summary>
    public OutboundEvent Add(PortalDbContext db, Guid merchantId, string type, string objectType, string objectId, object data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Guid.CreateVersion7(now);
        var outbound = new OutboundEvent
        {
            MerchantId = merchantId,
            Id = id,
            Type = type,
            ObjectType = objectType,
            ObjectId = objectId,
            CreatedAt = now,
            Body = OutboundEventBodies.Envelope(id, type, merchantId, now, portal.Value.Mode == PortalMode.Live, data),
        };
        db.OutboundEvents.Add(outbound);
        return outbound;
    }
}
