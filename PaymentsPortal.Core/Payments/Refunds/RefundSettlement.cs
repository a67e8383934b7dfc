using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Records a gateway's answer for a refund that was sent: succeeded (the payment's refunded amount grows), refused or never
/// sent (nothing moved, the amount is free again), or unknown (asked again later under the same key). Shared by the refund
/// executor, which hears the answer to its call, and the webhook processor, which hears it from the gateway. The caller holds
/// the transaction and the payment's and refund's row locks, and has checked the refund is still Processing or
/// RequiresReconciliation.
/// </summary>
public sealed class RefundSettlement(RefundLedger ledger, PaymentTimeline timeline, TimeProvider clock)
{
    /// <summary>How long after each unknown answer the refund is asked again.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>
    /// Asking again is only safe while the gateways still remember the key (Stripe keeps idempotency keys at least 24 hours);
    /// past this, a person decides with the gateway's dashboard in front of them.
    /// </summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(20);

    public async Task ApplyAsync(
        PortalDbContext db, Payment payment, Refund refund, PaymentAttempt? attempt, GatewayResult result, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(result);
        var now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case GatewayOutcome.Succeeded:
                refund.GatewayRefundReference = result.GatewayReference ?? refund.GatewayRefundReference;
                refund.NextReconciliationAt = null;
                refund.MoveTo(RefundStatus.Succeeded, now);
                payment.RefundedMinor += refund.AmountMinor;
                await timeline.MoveAsync(db, payment, payment.RefundedMinor >= payment.CapturedMinor ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded,
                    actor, $"Refund of {refund.Amount} ({refund.Reason})", attempt?.Id, null, cancellationToken);
                await ledger.AuditAsync(db, refund, AuditAction.RefundSucceeded, AuditOutcome.Success, actor, null, null, cancellationToken);
                break;
            case GatewayOutcome.Declined or GatewayOutcome.NotSent:
                refund.FailureCode = result.Code;
                refund.FailureMessage = result.Outcome == GatewayOutcome.NotSent
                    ? $"it never reached {refund.Gateway} ({result.Message ?? result.Code})"
                    : result.Message ?? result.Code;
                refund.NextReconciliationAt = null;
                refund.MoveTo(RefundStatus.Failed, now);
                await db.SaveChangesAsync(cancellationToken);
                await ledger.AuditAsync(db, refund, AuditAction.RefundFailed, AuditOutcome.Failure, actor, refund.FailureMessage, null, cancellationToken);
                break;
            default:
                await ParkAsync(db, refund, result, actor, now, cancellationToken);
                break;
        }
    }

    // Unknown (or a refund the gateway says is still in progress): ask again later under the same key, within the replay window.
    private async Task ParkAsync(PortalDbContext db, Refund refund, GatewayResult result, AuditActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        refund.FailureCode = result.Code;
        refund.FailureMessage = result.Message;
        var next = now + Backoff[Math.Min(refund.ReconciliationAttempts, Backoff.Count - 1)];
        refund.ReconciliationAttempts++;
        var stillSafe = next - refund.SentAt < ReplayWindow;
        refund.NextReconciliationAt = stillSafe ? next : null;
        refund.MoveTo(RefundStatus.RequiresReconciliation, now);
        await db.SaveChangesAsync(cancellationToken);
        var reason = stillSafe
            ? $"{refund.Gateway}'s answer is unknown ({result.Message ?? result.Code}); asking again at {next:u}"
            : $"{refund.Gateway}'s answer is still unknown and the idempotency key may have expired; check the refund on {refund.Gateway}'s dashboard";
        await ledger.AuditAsync(db, refund, AuditAction.RefundRequiresReconciliation, AuditOutcome.Failure, actor, reason, null, cancellationToken);
    }
}
