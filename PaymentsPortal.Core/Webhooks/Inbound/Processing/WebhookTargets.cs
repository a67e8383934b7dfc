using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Finds what a gateway object is about, within the event's merchant. First by the ids the portal sent with each call (the
/// attempt id as Stripe's metadata and Braintree's order id, the refund id likewise); then by the gateway's own reference,
/// for objects made before the portal sent its ids.
/// </summary>
public static class WebhookTargets
{
    public static Task<PaymentAttempt?> AttemptAsync(PortalDbContext db, Guid attemptId, CancellationToken cancellationToken) =>
        db.PaymentAttempts.SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);

    /// <summary>The charge attempt on <paramref name="gateway"/> of the payment that holds the charge <paramref name="reference"/>.</summary>
    public static async Task<PaymentAttempt?> AttemptByChargeReferenceAsync(PortalDbContext db, GatewayKind gateway, string? reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var paymentId = await PaymentIdByReferenceAsync(db, gateway, reference, cancellationToken);
        return paymentId is null ? null : await db.PaymentAttempts
            .Where(a => a.PaymentId == paymentId && a.Gateway == gateway && a.Operation == AttemptOperation.Authorize && a.State != AttemptState.Skipped)
            .OrderByDescending(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public static Task<Guid?> PaymentIdByReferenceAsync(PortalDbContext db, GatewayKind gateway, string? reference, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(reference)
            ? Task.FromResult<Guid?>(null)
            : db.Payments.Where(p => p.Gateway == gateway && p.GatewayReference == reference).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The portal's refund with this id, or the one the gateway knows by <paramref name="gatewayReference"/>.</summary>
    public static async Task<Refund?> RefundAsync(PortalDbContext db, Guid? refundId, GatewayKind gateway, string? gatewayReference, CancellationToken cancellationToken)
    {
        if (refundId is { } id && await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } byId)
        {
            return byId;
        }

        return string.IsNullOrEmpty(gatewayReference) ? null : await db.Refunds.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Gateway == gateway && r.GatewayRefundReference == gatewayReference, cancellationToken);
    }

    public static Guid? ParseId(string? text) => Guid.TryParse(text, out var id) ? id : null;
}
