using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Locks and records shared by the refund use cases: the payment row is locked before any refund of it is created or
/// settled, so two refunds racing for the same remaining amount are decided one after the other; every step is audited
/// in the caller's transaction.
/// </summary>
public sealed class RefundLedger(IAuditTrail trail, WebhookOutbox outbox)
{
    public const string TargetType = "refund";

    /// <summary>Locks the payment until the transaction ends and returns it tracked, or null when the merchant has no such payment.</summary>
    public static Task<Payment?> LockPaymentAsync(PortalDbContext db, Guid merchantId, Guid paymentId, CancellationToken cancellationToken) =>
        db.Payments
            .FromSqlInterpolated($"SELECT * FROM payments WHERE merchant_id = {merchantId} AND id = {paymentId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);

    public static Task<Refund?> LockRefundAsync(PortalDbContext db, Guid merchantId, Guid refundId, CancellationToken cancellationToken) =>
        db.Refunds
            .FromSqlInterpolated($"SELECT * FROM refunds WHERE merchant_id = {merchantId} AND id = {refundId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// What can still be refunded: captured, minus what was refunded (recorded on the payment when a refund succeeds), minus
    /// refunds that are waiting or in flight and so may still move money.
    /// </summary>
    public static async Task<Money> RemainingAsync(PortalDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var open = new[] { RefundStatus.PendingApproval, RefundStatus.Processing, RefundStatus.RequiresReconciliation };
        var reserved = await db.Refunds.Where(r => r.PaymentId == payment.Id && open.Contains(r.Status)).SumAsync(r => r.AmountMinor, cancellationToken);
        return new Money(Math.Max(0, payment.CapturedMinor - payment.RefundedMinor - reserved), Currency.From(payment.CurrencyCode));
    }

    /// <summary>Audits a refund's step and, for the steps merchants hear about, puts its webhook event in the outbox, both in the caller's transaction.</summary>
    public async Task<AuditEntry> AuditAsync(
        PortalDbContext db, Refund refund, AuditAction action, AuditOutcome outcome, AuditActor actor, string? reason, AuditOrigin? origin,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(refund);
        if (outbox.AddForRefund(db, refund, action))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return await trail.AppendAsync(db, new AuditRecord(refund.MerchantId, action, outcome, actor, TargetType, refund.Id.ToString(), reason, new
        {
            payment_id = refund.PaymentId,
            amount_minor = refund.AmountMinor,
            currency = refund.CurrencyCode,
            status = refund.Status.ToString(),
            gateway = refund.Gateway.ToString(),
            needed_approval = refund.NeededApproval,
            requested_by = refund.RequestedBy,
            decided_by = refund.DecidedBy,
            gateway_refund = refund.GatewayRefundReference,
            failure_code = refund.FailureCode,
        }, origin), cancellationToken);
    }
}
