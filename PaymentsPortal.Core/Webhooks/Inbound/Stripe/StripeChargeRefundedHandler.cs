using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using Stripe;

namespace PaymentsPortal.Core.Webhooks.Inbound.Stripe;

/// <summary>
/// charge.refunded: the charge carries its refunds in API versions before 2022-11-15; each is applied like a refund.* event. A
/// newer charge lists none, and its refunded total alone cannot say which of the portal's refunds went through, so then the
/// refund.* events settle them and this one changes nothing.
/// </summary>
public sealed class StripeChargeRefundedHandler(StripeRefundReports reports) : StripeEventHandler
{
    public override string EventType => "charge.refunded";

    protected override async Task<WebhookHandling> HandleAsync(WebhookEvent webhook, Event stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not Charge charge)
        {
            return WebhookHandling.Ignored("charge.refunded without a charge");
        }

        if (charge.Refunds?.Data is not { Count: > 0 } listed)
        {
            var paymentId = await WebhookTargets.PaymentIdByReferenceAsync(webhook.Db, Gateways.GatewayKind.Stripe, charge.PaymentIntentId, cancellationToken);
            return WebhookHandling.Ignored($"charge {charge.Id} lists no refunds; its refund events settle them", paymentId);
        }

        var results = new List<WebhookHandling>();
        foreach (var refund in listed)
        {
            results.Add(await reports.ApplyAsync(webhook, refund, cancellationToken));
        }

        return Combine(results);
    }

    private static WebhookHandling Combine(List<WebhookHandling> results)
    {
        var reason = string.Join("; ", results.Select(r => r.Reason));
        var paymentId = results.Select(r => r.PaymentId).FirstOrDefault(id => id is not null);
        var status = results.Any(r => r.Status == WebhookInboxStatus.Processed) ? WebhookInboxStatus.Processed : WebhookInboxStatus.Ignored;
        return new WebhookHandling(status, reason, paymentId, Effect: results.Any(r => r.Effect), Conflict: results.Any(r => r.Conflict));
    }
}
