using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Reconciliation;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Applies "the gateway holds this charge in this state" for one of a payment's attempts, under the payment's row lock. It only
/// ever moves a payment forward along the state machine, and settles it the way reconciliation does (<see cref="ChargeSettlement"/>):
/// a payment waiting for an answer (lost reply, 3-D Secure, authorization) takes the gateway's word, another amount sends it to
/// review, and an event that is stale for where the payment already is changes nothing. An event saying money moved for a
/// payment recorded as failed, or for an attempt the payment moved on from, contradicts the records and goes to a person.
/// </summary>
public sealed class WebhookChargeApplier(ChargeSettlement settlement, TimeProvider clock)
{
    public async Task<WebhookHandling> ApplyAsync(
        WebhookEvent webhook, PaymentAttempt attempt, GatewayKind gateway, GatewayChargeState state, string? reference, Money? amount,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(attempt);
        var db = webhook.Db;

        // Locked: refunds, the router's next step and another instance's webhook for the same payment wait for this one.
        var payment = await RefundLedger.LockPaymentAsync(db, attempt.MerchantId, attempt.PaymentId, cancellationToken);
        if (payment is null)
        {
            return WebhookHandling.Ignored($"attempt {attempt.Id} has no payment");
        }

        var said = $"{gateway} reports the charge of attempt {attempt.Number} {state} ({webhook.Entry.EventType})";
        if (attempt.Operation != AttemptOperation.Authorize)
        {
            return WebhookHandling.Ignored($"{said}, but that attempt was a {attempt.Operation}", payment.Id);
        }

        if (attempt.State == AttemptState.Abandoned)
        {
            if (ChargeSettlement.MoneyMoved(state) && attempt.OrphanCheckAt is not null)
            {
                // The orphan watch gives back a charge that appears after the payment moved on; this event is that charge, so
                // the watch should look now rather than at its next scheduled check.
                attempt.OrphanCheckAt = clock.GetUtcNow();
                return WebhookHandling.Ignored($"{said}; the payment moved on from that attempt, so the orphan watch gives the money back", payment.Id);
            }

            return WebhookHandling.Ignored($"{said}; stale, the payment moved on from that attempt", payment.Id);
        }

        var current = await db.PaymentAttempts
            .Where(a => a.PaymentId == payment.Id && a.Operation == AttemptOperation.Authorize && a.State != AttemptState.Skipped && a.State != AttemptState.Abandoned)
            .OrderByDescending(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (current?.Id != attempt.Id)
        {
            return ChargeSettlement.MoneyMoved(state)
                ? WebhookHandling.Conflicting($"{said}, but the payment went on to attempt {current?.Number} and is {payment.Status}: money may be held twice", payment.Id)
                : WebhookHandling.Ignored($"{said}; stale, the payment went on to attempt {current?.Number}", payment.Id);
        }

        return payment.Status switch
        {
            // The router is between the gateway's answer and recording it; deciding now would race it.
            PaymentStatus.Created or PaymentStatus.Processing =>
                WebhookHandling.Defer($"{said}; the router is still recording the answer", payment.Id),
            PaymentStatus.RequiresReconciliation or PaymentStatus.RequiresAction or PaymentStatus.Authorized =>
                await SettleAsync(webhook, payment, attempt, gateway, state, reference, amount, said, cancellationToken),
            PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded =>
                state is GatewayChargeState.Captured or GatewayChargeState.Refunded
                    ? WebhookHandling.Confirmed($"{said}; the payment is already {payment.Status}", payment.Id)
                    : WebhookHandling.Ignored($"{said}; stale, the payment is already {payment.Status}", payment.Id),
            PaymentStatus.Failed or PaymentStatus.Canceled =>
                ChargeSettlement.MoneyMoved(state)
                    ? WebhookHandling.Conflicting($"{said}, but the payment is recorded {payment.Status}: money may be held for a payment that failed", payment.Id)
                    : state is GatewayChargeState.Failed or GatewayChargeState.Voided
                        ? WebhookHandling.Confirmed($"{said}; the payment is already {payment.Status}", payment.Id)
                        : WebhookHandling.Ignored($"{said}; stale, the payment is already {payment.Status}", payment.Id),
            PaymentStatus.RequiresReview =>
                WebhookHandling.Ignored($"{said}; a person is deciding this payment already ({payment.ReviewReason})", payment.Id),
        };
    }

    private async Task<WebhookHandling> SettleAsync(
        WebhookEvent webhook, Payment payment, PaymentAttempt attempt, GatewayKind gateway, GatewayChargeState state, string? reference, Money? amount, string said,
        CancellationToken cancellationToken)
    {
        if (state == GatewayChargeState.Processing)
        {
            return WebhookHandling.Confirmed($"{said}; still in progress at the gateway, nothing to change", payment.Id);
        }

        if (ChargeSettlement.StatusFor(state) is not { } target)
        {
            // Refunded before the portal knew it was paid: money moved in a way the portal did not ask for.
            if (payment.Status != PaymentStatus.RequiresReconciliation)
            {
                return WebhookHandling.Conflicting($"{said}, which the portal did not ask for", payment.Id);
            }

            await settlement.ReviewAsync(webhook.Db, payment, $"{said}, which the portal did not ask for", webhook.Actor, cancellationToken);
            return WebhookHandling.Applied($"{said}, which the portal did not ask for: sent to review", payment.Id);
        }

        if (target == payment.Status)
        {
            return WebhookHandling.Confirmed($"{said}; the payment is already {payment.Status}", payment.Id);
        }

        if (!PaymentStateMachine.CanMove(payment.Status, target))
        {
            return WebhookHandling.Ignored($"{said}; stale for a payment that is {payment.Status}", payment.Id);
        }

        Answer(attempt, state, reference, webhook.Entry.EventId);
        var settled = await settlement.SettleAsync(webhook.Db, payment, new ChargeReport(gateway, state, reference, amount, attempt, said), webhook.Actor, cancellationToken);
        return WebhookHandling.Applied(
            settled == PaymentStatus.RequiresReview ? $"{said}, for another amount than the payment's: sent to review" : $"{said}: the payment moved to {settled}",
            payment.Id);
    }

    // The attempt whose answer was missing (lost reply, or waiting for 3-D Secure) now has one, so the payment's page shows it and
    // reconciliation no longer looks it up.
    private void Answer(PaymentAttempt attempt, GatewayChargeState state, string? reference, string eventId)
    {
        if (attempt.State != AttemptState.Pending && attempt.Outcome is not (GatewayOutcome.Unknown or GatewayOutcome.RequiresAction))
        {
            return;
        }

        attempt.State = AttemptState.Completed;
        attempt.Outcome = state switch
        {
            GatewayChargeState.Captured or GatewayChargeState.Authorized => GatewayOutcome.Succeeded,
            GatewayChargeState.RequiresAction => GatewayOutcome.RequiresAction,
            _ => GatewayOutcome.Declined,
        };
        attempt.GatewayReference = reference ?? attempt.GatewayReference;
        attempt.GatewayStatus = state.ToString();
        attempt.Message = $"answered by webhook {eventId}";
        attempt.CompletedAt ??= clock.GetUtcNow();
    }
}
