using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Core.Webhooks.Inbound.Processing;

/// <summary>
/// Applies a gateway's word on one of the portal's refunds, under the payment's and the refund's row locks, through the same
/// <see cref="RefundSettlement"/> the refund executor uses: a refund still waiting for its answer (in flight, or its reply lost)
/// settles; one already settled the same way is confirmed; one the event contradicts (another amount, failed after the portal
/// recorded it refunded, a refund the portal never sent) is left as it is for a person.
/// </summary>
public sealed class WebhookRefundApplier(RefundSettlement settlement, TimeProvider clock)
{
    public async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, Refund found, RefundReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(report);
        var db = webhook.Db;

        // The payment first, as every refund use case locks them, so two writers never wait on each other in opposite orders.
        var payment = (await RefundLedger.LockPaymentAsync(db, found.MerchantId, found.PaymentId, cancellationToken))!;
        var refund = (await RefundLedger.LockRefundAsync(db, found.MerchantId, found.Id, cancellationToken))!;
        var said = $"{report.Gateway} reports the refund {report.Reference ?? refund.Id.ToString()} of {report.Amount?.ToString() ?? "?"} {report.State} ({webhook.Entry.EventType})";
        if (report.Amount is { } amount && amount != refund.Amount)
        {
            return WebhookHandling.Conflicting($"{said}, but the portal's refund {refund.Id} is for {refund.Amount}", payment.Id);
        }

        return refund.Status switch
        {
            RefundStatus.Processing or RefundStatus.RequiresReconciliation => report.State switch
            {
                GatewayRefundState.Pending => WebhookHandling.Confirmed($"{said}; still in progress at the gateway", payment.Id),
                _ => await SettleAsync(webhook, payment, refund, report, said, cancellationToken),
            },
            RefundStatus.Succeeded => report.State switch
            {
                GatewayRefundState.Succeeded => WebhookHandling.Confirmed($"{said}; the refund is already Succeeded", payment.Id),
                GatewayRefundState.Failed => WebhookHandling.Conflicting($"{said}, but the portal recorded it Succeeded: the money may not have gone back", payment.Id),
                _ => WebhookHandling.Ignored($"{said}; stale, the refund is already Succeeded", payment.Id),
            },
            RefundStatus.Failed => report.State switch
            {
                GatewayRefundState.Failed => WebhookHandling.Confirmed($"{said}; the refund is already Failed", payment.Id),
                GatewayRefundState.Succeeded => WebhookHandling.Conflicting($"{said}, but the portal recorded it Failed: the money may have gone back after all", payment.Id),
                _ => WebhookHandling.Ignored($"{said}; stale, the refund is already Failed", payment.Id),
            },
            RefundStatus.PendingApproval or RefundStatus.Rejected or RefundStatus.Canceled => report.State == GatewayRefundState.Failed
                ? WebhookHandling.Ignored($"{said}; the portal never sent that refund ({refund.Status})", payment.Id)
                : WebhookHandling.Conflicting($"{said}, but the portal never sent that refund ({refund.Status})", payment.Id),
        };
    }

    private async Task<WebhookHandling> SettleAsync(
        WebhookEvent webhook, Payment payment, Refund refund, RefundReport report, string said, CancellationToken cancellationToken)
    {
        var attempt = await webhook.Db.PaymentAttempts
            .Where(a => a.PaymentId == payment.Id && a.RefundId == refund.Id)
            .OrderByDescending(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var result = report.State == GatewayRefundState.Succeeded
            ? new GatewayResult(GatewayOutcome.Succeeded, report.Reference ?? refund.GatewayRefundReference, Status: report.State.ToString())
            : GatewayResult.Declined(report.FailureCode ?? "refund_failed", $"{report.Gateway} reports the refund failed", retryableElsewhere: false, report.Reference);
        if (attempt is not null && (attempt.State == AttemptState.Pending || attempt.Outcome == GatewayOutcome.Unknown))
        {
            attempt.State = AttemptState.Completed;
            attempt.Outcome = result.Outcome;
            attempt.GatewayReference = report.Reference ?? attempt.GatewayReference;
            attempt.GatewayStatus = report.State.ToString();
            attempt.Message = $"answered by webhook {webhook.Entry.EventId}";
            attempt.CompletedAt ??= clock.GetUtcNow();
        }

        await settlement.ApplyAsync(webhook.Db, payment, refund, attempt, result, webhook.Actor, cancellationToken);
        return WebhookHandling.Applied($"{said}: the refund moved to {refund.Status}", payment.Id);
    }
}
