using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>transaction_settled: the money was taken (a sale) or given back (a credit).</summary>
public sealed class BraintreeTransactionSettledHandler(WebhookChargeApplier charges, WebhookRefundApplier refunds) : BraintreeTransactionHandler(charges, refunds)
{
    public override string EventType => "transaction_settled";

    protected override GatewayChargeState ChargeState => GatewayChargeState.Captured;

    protected override GatewayRefundState RefundState => GatewayRefundState.Succeeded;
}

/// <summary>transaction_disbursed: the settled money was paid out to the merchant; for the payment, the same as settled.</summary>
public sealed class BraintreeTransactionDisbursedHandler(WebhookChargeApplier charges, WebhookRefundApplier refunds) : BraintreeTransactionHandler(charges, refunds)
{
    public override string EventType => "transaction_disbursed";

    protected override GatewayChargeState ChargeState => GatewayChargeState.Captured;

    protected override GatewayRefundState RefundState => GatewayRefundState.Succeeded;
}

/// <summary>
/// transaction_settlement_declined: the processor refused to settle, so no money was taken after all. For a payment the portal
/// already records as captured that is a contradiction a person must resolve, never a move back to Failed.
/// </summary>
public sealed class BraintreeSettlementDeclinedHandler(WebhookChargeApplier charges, WebhookRefundApplier refunds) : BraintreeTransactionHandler(charges, refunds)
{
    public override string EventType => "transaction_settlement_declined";

    protected override GatewayChargeState ChargeState => GatewayChargeState.Failed;

    protected override GatewayRefundState RefundState => GatewayRefundState.Failed;

    protected override async Task<WebhookHandling> ApplyToChargeAsync(
        WebhookEvent webhook, PaymentAttempt attempt, BraintreeNotificationTransaction transaction, CancellationToken cancellationToken)
    {
        var payment = await RefundLedger.LockPaymentAsync(webhook.Db, attempt.MerchantId, attempt.PaymentId, cancellationToken);
        if (payment is { Status: PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded } captured)
        {
            return WebhookHandling.Conflicting(
                $"Braintree declined to settle transaction {transaction.LegacyId} (attempt {attempt.Number}), but the payment is recorded {captured.Status}: the money was not taken",
                captured.Id);
        }

        return await base.ApplyToChargeAsync(webhook, attempt, transaction, cancellationToken);
    }
}
