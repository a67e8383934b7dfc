using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Payments.Reconciliation;

/// <summary>
/// What a gateway holds for one of a payment's attempts: <paramref name="Found"/> says so in words for the timeline
/// ("Stripe reports the charge Captured (attempt 2)").
/// </summary>
public sealed record ChargeReport(GatewayKind Gateway, GatewayChargeState State, string? Reference, Money? Amount, PaymentAttempt Attempt, string Found)
{
    public bool AmountDiffersFrom(Payment payment) => Amount is { } amount && amount != payment.Amount;
}

/// <summary>
/// Moves a payment to what its gateway holds for the attempt whose answer the portal lacked. Shared by reconciliation, which
/// asks the gateway, and the webhook processor, which is told by it, so both settle a payment the same way. Runs in the
/// caller's transaction, with the payment tracked (and, for the webhook processor, locked).
/// </summary>
public sealed class ChargeSettlement(PaymentTimeline timeline)
{
    /// <summary>
    /// The status a charge state settles a payment on; null when it settles nothing on its own: still processing (look again),
    /// or refunded, which is money moving in a way the portal did not ask for.
    /// </summary>
    public static PaymentStatus? StatusFor(GatewayChargeState state) => state switch
    {
        GatewayChargeState.Captured => PaymentStatus.Succeeded,
        GatewayChargeState.Authorized => PaymentStatus.Authorized,
        GatewayChargeState.RequiresAction => PaymentStatus.RequiresAction,
        GatewayChargeState.Failed => PaymentStatus.Failed,
        GatewayChargeState.Voided => PaymentStatus.Canceled,
        GatewayChargeState.Processing or GatewayChargeState.Refunded => null,
    };

    /// <summary>Whether the gateway holds or took money in this state.</summary>
    public static bool MoneyMoved(GatewayChargeState state) =>
        state is GatewayChargeState.Captured or GatewayChargeState.Authorized or GatewayChargeState.Refunded;

    /// <summary>
    /// Settles the payment on <paramref name="report"/>, or sends it to review when the gateway holds another amount. Returns
    /// the status it moved to. The report's state must settle something (<see cref="StatusFor"/> not null).
    /// </summary>
    public async Task<PaymentStatus> SettleAsync(PortalDbContext db, Payment payment, ChargeReport report, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(report);
        if (report.AmountDiffersFrom(payment))
        {
            await ReviewAsync(db, payment,
                $"{report.Gateway} holds {report.Amount} for attempt {report.Attempt.Number}, but the payment is for {payment.Amount}", actor, cancellationToken);
            return PaymentStatus.RequiresReview;
        }

        var to = StatusFor(report.State) ?? throw new ArgumentException($"A charge that is {report.State} settles nothing by itself.", nameof(report));
        payment.Gateway = report.Gateway;
        payment.GatewayReference = report.Reference ?? payment.GatewayReference;
        payment.NextReconciliationAt = null;
        if (to == PaymentStatus.Succeeded)
        {
            payment.CapturedMinor = payment.AmountMinor;
        }

        await timeline.MoveAsync(db, payment, to, actor, report.Found, report.Attempt.Id, null, cancellationToken);
        return to;
    }

    /// <summary>
    /// Hands the payment to a person with the reason. From a status that cannot go to review directly (waiting for 3-D Secure,
    /// authorized) it passes through RequiresReconciliation, so the timeline shows both steps.
    /// </summary>
    public async Task ReviewAsync(PortalDbContext db, Payment payment, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.ReviewReason = reason;
        payment.NextReconciliationAt = null;
        if (!PaymentStateMachine.CanMove(payment.Status, PaymentStatus.RequiresReview))
        {
            await timeline.MoveAsync(db, payment, PaymentStatus.RequiresReconciliation, actor, reason, null, null, cancellationToken);
        }

        await timeline.MoveAsync(db, payment, PaymentStatus.RequiresReview, actor, reason, null, null, cancellationToken);
    }
}
