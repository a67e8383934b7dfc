using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>
/// A transaction_* notification. A sale is applied to the payment attempt named by its order id; a credit (a refund) to the
/// portal's refund named by its order id. <see cref="ChargeState"/> and <see cref="RefundState"/> say what the kind means.
/// </summary>
public abstract class BraintreeTransactionHandler(WebhookChargeApplier charges, WebhookRefundApplier refunds) : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Braintree;

    public abstract string EventType { get; }

    /// <summary>What this kind says about a sale's money.</summary>
    protected abstract GatewayChargeState ChargeState { get; }

    /// <summary>What this kind says about a refund's money.</summary>
    protected abstract GatewayRefundState RefundState { get; }

    public async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (BraintreeNotificationTransaction.From(webhook.Entry.Payload) is not { } transaction)
        {
            return WebhookHandling.Ignored($"{EventType} without a transaction");
        }

        if (transaction.IsRefund)
        {
            var refund = await WebhookTargets.RefundAsync(webhook.Db, WebhookTargets.ParseId(transaction.OrderId), GatewayKind.Braintree, null, cancellationToken);
            return refund is null
                ? WebhookHandling.Ignored($"Braintree refund {transaction.LegacyId} is not one of this merchant's refunds")
                : await refunds.ApplyAsync(webhook, refund, new RefundReport(GatewayKind.Braintree, RefundState, transaction.LegacyId, transaction.Amount, transaction.Status), cancellationToken);
        }

        var attempt = (WebhookTargets.ParseId(transaction.OrderId) is { } attemptId ? await WebhookTargets.AttemptAsync(webhook.Db, attemptId, cancellationToken) : null)
            ?? await WebhookTargets.AttemptByChargeReferenceAsync(webhook.Db, GatewayKind.Braintree, transaction.GlobalId, cancellationToken);
        if (attempt is null)
        {
            return WebhookHandling.Ignored($"no payment of this merchant carries Braintree transaction {transaction.LegacyId}");
        }

        return await ApplyToChargeAsync(webhook, attempt, transaction, cancellationToken);
    }

    protected virtual Task<WebhookHandling> ApplyToChargeAsync(
        WebhookEvent webhook, PaymentAttempt attempt, BraintreeNotificationTransaction transaction, CancellationToken cancellationToken) =>
        charges.ApplyAsync(webhook, attempt, GatewayKind.Braintree, ChargeState, transaction.GlobalId, transaction.Amount, cancellationToken);
}
