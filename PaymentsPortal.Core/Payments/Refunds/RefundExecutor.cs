using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Sends an accepted refund to the gateway that captured the payment and records the answer. The refund's id is the
/// call's idempotency key at Stripe and its request key at Braintree, so asking again after a lost answer returns the
/// first result instead of refunding twice. An unknown answer is never taken as "not refunded": the refund waits in
/// <see cref="RefundStatus.RequiresReconciliation"/> and <see cref="RefundReconciliation"/> asks again.
/// </summary>
public sealed class RefundExecutor(
    IServiceScopeFactory scopes, MerchantGatewayChain chains, GatewayAdapters adapters, AttemptLog attempts, RefundSettlement settlement)
{
    /// <summary>How long after each unknown answer the refund is asked again.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff = RefundSettlement.Backoff;

    /// <summary>Past this since the refund was sent, the portal stops asking again (<see cref="RefundSettlement.ReplayWindow"/>).</summary>
    public static readonly TimeSpan ReplayWindow = RefundSettlement.ReplayWindow;

    public async Task<RefundOutcome> ExecuteAsync(Guid merchantId, Guid refundId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken);
        if (refund.Status is not (RefundStatus.Processing or RefundStatus.RequiresReconciliation))
        {
            return RefundOutcome.Of(refund);
        }

        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == refund.PaymentId, cancellationToken);
        var chain = await chains.ForAsync(db, merchantId, cancellationToken);
        var gateway = chain.FirstOrDefault(c => c.Kind == refund.Gateway) is { } connection ? adapters.For(connection) : null;
        if (gateway is null)
        {
            // Nothing was sent, so nothing can have been refunded: failing it frees the amount for a refund by other means.
            return await SettleAsync(db, refund.Id, payment.Id, null,
                GatewayResult.NotSent("gateway_not_configured", $"{refund.Gateway} is no longer configured for this merchant"), actor, cancellationToken);
        }

        var attempt = await attempts.StartRefundAsync(db, payment, refund, cancellationToken);
        var watch = Stopwatch.StartNew();

        // Not cancellable once sent: the answer must be recorded whatever happens to the caller.
        var result = await gateway.RefundAsync(new RefundRequest(refund.Id, refund.ChargeReference, refund.Amount, refund.Reason), CancellationToken.None);
        attempts.Complete(attempt, result, watch.Elapsed);
        return await SettleAsync(db, refund.Id, payment.Id, attempt, result, actor, CancellationToken.None);
    }

    private async Task<RefundOutcome> SettleAsync(
        PortalDbContext db, Guid refundId, Guid paymentId, PaymentAttempt? attempt, GatewayResult result, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var merchantId = attempt?.MerchantId ?? (await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken)).MerchantId;
        var payment = (await RefundLedger.LockPaymentAsync(db, merchantId, paymentId, cancellationToken))!;
        var refund = (await RefundLedger.LockRefundAsync(db, merchantId, refundId, cancellationToken))!;
        if (refund.Status is not (RefundStatus.Processing or RefundStatus.RequiresReconciliation))
        {
            // Someone else (reconciliation, a second click) recorded the answer first; keep only this call's attempt.
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return RefundOutcome.Of(refund);
        }

        await settlement.ApplyAsync(db, payment, refund, attempt, result, actor, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return RefundOutcome.Of(refund);
    }
}
