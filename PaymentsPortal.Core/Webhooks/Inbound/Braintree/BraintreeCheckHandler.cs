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
