using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// The one way a payment is created or changes status: the row, its timeline event, its audit entry and the merchant's
/// webhook event are written in the caller's transaction, so none can exist without the others.
/// </summary>
public sealed class PaymentTimeline(IAuditTrail trail, WebhookOutbox outbox, TimeProvider clock)
{
    /// <summary>The audit target type of a payment; its target id is the payment's id. The payment page finds its entries by these.</summary>
    public const string AuditTargetType = "payment";

    /// <summary>Stores a new payment (status Created) with its first event and audit entry.</summary>
    public async Task<Payment> CreateAsync(PortalDbContext db, NewPayment request, AuditActor actor, AuditOrigin? origin, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var (payment, created) = Payment.Create(
            request.MerchantId, request.Amount, request.Token, request.CaptureImmediately, request.Description, request.CustomerEmail,
            clock.GetUtcNow(), actor.Name, request.PaymentId, request.PaymentLinkId);
        db.Payments.Add(payment);
        db.PaymentEvents.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(db, payment, created, actor, origin, cancellationToken);
        return payment;
    }

    /// <summary>
    /// Moves <paramref name="payment"/> (tracked by <paramref name="db"/>) to <paramref name="to"/>. A move the state
    /// machine forbids throws <see cref="InvalidPaymentTransitionException"/>; a concurrent move of the same
    /// payment makes the save fail with <see cref="DbUpdateConcurrencyException"/>, as the version will not match.
    /// </summary>
    public async Task<PaymentEvent> MoveAsync(
        PortalDbContext db, Payment payment, PaymentStatus to, AuditActor actor, string? reason, Guid? attemptId, AuditOrigin? origin,
        CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var from = payment.Status;
        var moved = payment.MoveTo(to, clock.GetUtcNow(), actor.Name, reason, attemptId);
        db.PaymentEvents.Add(moved);
        outbox.AddForPayment(db, payment, from);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (UniqueViolation.Is(error))
        {
            // The event's key is the payment's next version: someone else already wrote that version. EF may insert the
            // event before it updates the payment, so the race can surface here rather than as a version mismatch.
            throw new DbUpdateConcurrencyException($"Payment {payment.Id} was changed by someone else; reload it and decide again.", error);
        }
        await AuditAsync(db, payment, moved, actor, origin, cancellationToken);
        return moved;
    }

    /// <summary>
    /// <see cref="MoveAsync"/> in a transaction of its own, committed before it returns: the router and reconciliation make
    /// every step durable before the next gateway call, so a crash never loses a move that a gateway already acted on.
    /// </summary>
    public async Task<PaymentEvent> CommitMoveAsync(
        PortalDbContext db, Payment payment, PaymentStatus to, AuditActor actor, string? reason, Guid? attemptId, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await MoveAsync(db, payment, to, actor, reason, attemptId, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return moved;
    }

    private Task<AuditEntry> AuditAsync(PortalDbContext db, Payment payment, PaymentEvent moved, AuditActor actor, AuditOrigin? origin, CancellationToken cancellationToken) =>
        trail.AppendAsync(db, new AuditRecord(
            payment.MerchantId, ActionFor(moved.ToStatus), AuditOutcome.Success, actor, AuditTargetType, payment.Id.ToString(), moved.Reason,
            new
            {
                from = moved.FromStatus?.ToString(),
                to = moved.ToStatus.ToString(),
                amount_minor = payment.AmountMinor,
                currency = payment.CurrencyCode,
                captured_minor = payment.CapturedMinor,
                refunded_minor = payment.RefundedMinor,
                gateway = payment.Gateway?.ToString(),
                attempt_id = moved.AttemptId,
                version = moved.Sequence,
            },
            origin), cancellationToken);

    public static AuditAction ActionFor(PaymentStatus status) => status switch
    {
        PaymentStatus.Created => AuditAction.PaymentCreated,
        PaymentStatus.Processing => AuditAction.PaymentProcessing,
        PaymentStatus.RequiresAction => AuditAction.PaymentRequiresAction,
        PaymentStatus.Authorized => AuditAction.PaymentAuthorized,
        PaymentStatus.Succeeded => AuditAction.PaymentSucceeded,
        PaymentStatus.Failed => AuditAction.PaymentFailed,
        PaymentStatus.Canceled => AuditAction.PaymentCanceled,
        PaymentStatus.PartiallyRefunded => AuditAction.PaymentPartiallyRefunded,
        PaymentStatus.Refunded => AuditAction.PaymentRefunded,
        PaymentStatus.RequiresReconciliation => AuditAction.PaymentRequiresReconciliation,
        PaymentStatus.RequiresReview => AuditAction.PaymentRequiresReview,
    };

    private static void RequireTransaction(PortalDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A payment changes in the transaction that audits it; begin one first.");
        }
    }
}

/// <summary>What a new payment is made of.</summary>
public sealed record NewPayment(
    Guid MerchantId, Money Amount, Gateways.PaymentToken Token, bool CaptureImmediately, string? Description, string? CustomerEmail, Guid? PaymentId = null,
    Guid? PaymentLinkId = null);
