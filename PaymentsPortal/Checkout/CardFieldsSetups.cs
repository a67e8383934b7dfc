using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Checkout;

namespace PaymentsPortal.Checkout;

/// <summary>
/// Decides which card fields a checkout mounts and prepares them. The gateway comes from <see cref="CheckoutGatewayChooser"/>
/// (token portability: failover for a new card happens before it is tokenized). Live mode loads Stripe.js from Stripe, as PCI
/// requires, and braintree-web from Braintree's CDN; Sandbox mode loads the app's stand-ins for them.
/// </summary>
public sealed class CardFieldsSetups(
    CheckoutGatewayChooser chooser, MerchantGatewayChain chains, IServiceScopeFactory scopes, BraintreeGatewayFactory braintree, IOptions<PortalOptions> portal)
{
    public const string StripeJs = "https://js.stripe.com/v3/";

    /// <summary>The braintree-web release whose hosted fields Live mode loads; Braintree serves each release at a fixed address.</summary>
    public const string BraintreeWebVersion = "3.136.0";

    public static IReadOnlyList<string> BraintreeWeb { get; } =
    [
        $"https://js.braintreegateway.com/web/{BraintreeWebVersion}/js/client.min.js",
        $"https://js.braintreegateway.com/web/{BraintreeWebVersion}/js/hosted-fields.min.js",
    ];

    private bool Sandbox => portal.Value.Mode == PortalMode.Sandbox;

    /// <summary>The fields for a new card now: the first gateway in the merchant's order whose breaker admits calls.</summary>
    public async Task<CardFieldsChoice> ForCheckoutAsync(Guid merchantId, Currency currency, CancellationToken cancellationToken = default)
    {
        var choice = await chooser.ChooseAsync(merchantId, cancellationToken);
        if (choice.Gateway is not { } gateway)
        {
            var why = choice.PassedOver.Count == 0
                ? "no gateway is enabled for this merchant"
                : $"every gateway is failing ({string.Join(", ", choice.PassedOver)})";
            return new CardFieldsChoice(null, choice.PassedOver, $"No card payment can be taken right now: {why}. Nothing was charged.");
        }

        var prepared = await ForGatewayAsync(merchantId, gateway, currency, cancellationToken);
        return prepared with { PassedOver = choice.PassedOver };
    }

    /// <summary>One gateway's fields whatever its breaker says: 3-D Secure needs Stripe.js for the gateway that asked for it.</summary>
    public async Task<CardFieldsChoice> ForGatewayAsync(Guid merchantId, GatewayKind gateway, Currency currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        IReadOnlyList<GatewayConnection> chain;
        await using (var scope = scopes.CreateForMerchant(merchantId))
        {
            chain = await chains.ForAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), merchantId, cancellationToken);
        }

        if (chain.FirstOrDefault(c => c.Kind == gateway) is not { } connection)
        {
            return new CardFieldsChoice(null, [], $"{gateway} is not enabled for this merchant.");
        }

        return gateway switch
        {
            GatewayKind.Stripe => Stripe(connection, currency),
            GatewayKind.Braintree => await BraintreeAsync(connection, currency, cancellationToken),
            _ => new CardFieldsChoice(null, [], $"The portal has no card fields for {gateway}."),
        };
    }

    private CardFieldsChoice Stripe(GatewayConnection connection, Currency currency)
    {
        var key = connection.AccountId ?? (Sandbox ? SandboxGateways.StripeSandboxPublishableKey : null);
        return key is null
            ? new CardFieldsChoice(null, [], "Stripe's publishable key is not set: an Admin enters it on the Gateways page.")
            : new CardFieldsChoice(new CardFieldsSetup(GatewayKind.Stripe, Sandbox ? [SandboxCheckoutEndpoints.StripeScript] : [StripeJs], key, null, currency), [], null);
    }

    private async Task<CardFieldsChoice> BraintreeAsync(GatewayConnection connection, Currency currency, CancellationToken cancellationToken)
    {
        var token = await braintree.Create(connection).CreateClientTokenAsync(currency, cancellationToken);
        return token.Token is null
            ? new CardFieldsChoice(null, [], $"Braintree's card fields cannot be shown: {token.Problem}")
            : new CardFieldsChoice(new CardFieldsSetup(GatewayKind.Braintree, Sandbox ? SandboxCheckoutEndpoints.BraintreeScripts : BraintreeWeb, null, token.Token, currency), [], null);
    }
}
