using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Core.Webhooks.Inbound.Braintree;

/// <summary>check: what Braintree's control panel sends to test the URL. Stored and acknowledged; nothing to do.</summary>
public sealed class BraintreeCheckHandler : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Braintree;

    public string EventType => "check";

    public Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken) =>
        Task.FromResult(WebhookHandling.Confirmed("Braintree's check notification: the endpoint and the keys work", null));
}

/// <summary>
/// disbursement: a payout of many settled transactions to the merchant's bank. Each transaction's own settlement is what moves a
/// payment, so this changes nothing; it is kept as a record.
/// </summary>
public sealed class BraintreeDisbursementHandler : IWebhookEventHandler
{
    public WebhookProvider Provider => WebhookProvider.Braintree;

    public string EventType => "disbursement";

    public Task<WebhookHandling> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken) =>
        Task.FromResult(WebhookHandling.Ignored("a disbursement (payout) moves no payment; each transaction's settlement does"));
}
