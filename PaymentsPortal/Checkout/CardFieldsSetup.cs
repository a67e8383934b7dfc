using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Checkout;

/// <summary>
/// What the card-fields module needs to mount one gateway's hosted fields: the scripts to load (Stripe.js or braintree-web,
/// or their Sandbox stand-ins) and the browser-side credential. Neither credential is secret: a publishable key and a
/// client token only let a browser tokenize a card.
/// </summary>
public sealed record CardFieldsSetup(GatewayKind Gateway, IReadOnlyList<string> Scripts, string? PublishableKey, string? ClientToken, Currency Currency)
{
    /// <summary>The object the JS module reads; camel-cased by Blazor's serializer.</summary>
    public object ForScript() => new { gateway = Gateway.ToString(), scripts = Scripts, publishableKey = PublishableKey, clientToken = ClientToken };

    public override string ToString() => $"{Gateway} card fields for {Currency.Code}";
}

/// <summary>The card fields checkout shows now, or why it shows none; <see cref="PassedOver"/> are gateways skipped for an open breaker.</summary>
public sealed record CardFieldsChoice(CardFieldsSetup? Setup, IReadOnlyList<GatewayKind> PassedOver, string? Problem);
