using PaymentsPortal.Core.Hosting;

namespace PaymentsPortal.Hosting;

/// <summary>
/// The Content-Security-Policy of every page. Blazor Server needs its own scripts and a WebSocket to this origin ('self'
/// covers ws/wss of the same host); MudBlazor sets inline styles, so styles allow 'unsafe-inline' but scripts do not.
/// </summary>
public static class ContentSecurityPolicy
{
    // Live checkout loads Stripe.js from Stripe (PCI requires it is not self-hosted) and braintree-web from Braintree's CDN;
    // their card fields are frames of theirs and tokenize by calling their APIs from the browser. Sandbox serves stand-ins
    // for both from the app itself, so its policy stays 'self' only. Listed for every page, not the checkout alone: a page
    // reached by in-app navigation keeps the policy of the page the browser loaded first.
    private const string StripeScripts = "https://js.stripe.com";
    private const string StripeFrames = "https://js.stripe.com https://hooks.stripe.com";
    private const string StripeApi = "https://api.stripe.com";
    private const string BraintreeScripts = "https://js.braintreegateway.com";
    private const string BraintreeFrames = "https://assets.braintreegateway.com";
    private const string BraintreeApi = "https://api.braintreegateway.com https://payments.braintree-api.com https://client-analytics.braintreegateway.com";

    // Plaid Link: its script and its frame come from Plaid's CDN; Link itself calls Plaid from inside its frame.
    private const string PlaidLink = "https://cdn.plaid.com";

    public static string For(PortalMode mode)
    {
        var (scripts, frames, connect) = mode == PortalMode.Live
            ? ($" {StripeScripts} {BraintreeScripts} {PlaidLink}", $" {StripeFrames} {BraintreeFrames} {PlaidLink}", $" {StripeApi} {BraintreeApi}")
            : ("", "", "");
        return $"default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            $"font-src 'self' data:; connect-src 'self'{connect}; frame-src 'self'{frames}; object-src 'none'; base-uri 'self'; form-action 'self'; " +
            "frame-ancestors 'none'";
    }
}
