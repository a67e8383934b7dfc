namespace PaymentsPortal.Core.Webhooks.Inbound;

/// <summary>
/// Where a merchant's webhooks are received, relative to the portal's public address: one URL per merchant and provider, to
/// paste into Stripe's or Braintree's dashboard. The merchant's id only routes the request (it is not a secret); the signature
/// is what proves the sender.
/// </summary>
public static class InboundWebhookPaths
{
    public const string StripeRoute = "/webhooks/stripe/{merchantId:guid}";
    public const string BraintreeRoute = "/webhooks/braintree/{merchantId:guid}";
    public const string PlaidRoute = "/webhooks/plaid/{merchantId:guid}";

    /// <summary>The path without a leading slash, so it resolves against a base address that has a path of its own.</summary>
    public static string For(WebhookProvider provider, Guid merchantId) => provider switch
    {
        WebhookProvider.Stripe => $"webhooks/stripe/{merchantId:D}",
        WebhookProvider.Braintree => $"webhooks/braintree/{merchantId:D}",
        WebhookProvider.Plaid => $"webhooks/plaid/{merchantId:D}",
    };
}
