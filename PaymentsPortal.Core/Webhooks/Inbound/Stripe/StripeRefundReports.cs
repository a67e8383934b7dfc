using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using StripeRefund = Stripe.Refund;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>
/// One Stripe refund object applied to the portal's refund it carries in metadata (refund_id, sent with every refund call).
/// A refund on a known payment that the portal never made (one made in Stripe's dashboard) contradicts the records.
/// </summary>
public sealed class StripeRefundReports(WebhookRefundApplier refunds)
{
    public async Task<WebhookHandling> ApplyAsync(WebhookEvent webhook, StripeRefund stripeRefund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(stripeRefund);
        var state = stripeRefund.Status switch
        {
            "succeeded" => GatewayRefundState.Succeeded,
            "failed" or "canceled" => GatewayRefundState.Failed,
            _ => GatewayRefundState.Pending,
        };
        Money? amount = Currency.TryFrom(stripeRefund.Currency, out var currency) ? new Money(stripeRefund.Amount, currency) : null;
        var refund = await WebhookTargets.RefundAsync(
            webhook.Db, WebhookTargets.ParseId(stripeRefund.Metadata?.GetValueOrDefault("refund_id")), GatewayKind.Stripe, stripeRefund.Id, cancellationToken);
        if (refund is null)
        {
            var paymentId = await WebhookTargets.PaymentIdByReferenceAsync(webhook.Db, GatewayKind.Stripe, stripeRefund.PaymentIntentId, cancellationToken);
            var said = $"Stripe reports a refund {stripeRefund.Id} of {amount?.ToString() ?? "?"} {state}";
            return paymentId is null
                ? WebhookHandling.Ignored($"{said} on a PaymentIntent no payment of this merchant carries")
                : state == GatewayRefundState.Failed
                    ? WebhookHandling.Ignored($"{said} that the portal did not make", paymentId)
                    : WebhookHandling.Conflicting($"{said} that the portal did not make", paymentId);
        }

        return await refunds.ApplyAsync(webhook, refund, new RefundReport(GatewayKind.Stripe, state, stripeRefund.Id, amount, stripeRefund.FailureReason), cancellationToken);
    }
}
