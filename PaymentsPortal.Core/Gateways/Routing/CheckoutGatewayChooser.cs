using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>
/// Which gateway's hosted fields checkout mounts. A card token can only be charged by the gateway that issued it,
/// so failover for a new card happens here, before the card is tokenized: the first gateway in the merchant's order
/// whose circuit breaker admits calls. Once tokenized, the router can only skip gateways that cannot use the token.
/// </summary>
public sealed class CheckoutGatewayChooser(IServiceScopeFactory scopes, MerchantGatewayChain chains, GatewayCircuitBreakers breakers)
{
    public async Task<CheckoutGatewayChoice> ChooseAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var chain = await chains.ForAsync(db, merchantId, cancellationToken);
        var passedOver = new List<GatewayKind>();
        foreach (var connection in chain)
        {
            if (breakers.Admits(connection))
            {
                return new CheckoutGatewayChoice(connection.Kind, passedOver);
            }

            passedOver.Add(connection.Kind);
        }

        // Every breaker is open: offer none rather than a card form whose payment is known to fail.
        return new CheckoutGatewayChoice(null, passedOver);
    }
}

/// <param name="Gateway">The gateway whose hosted fields to show, or null when none is configured or all are failing.</param>
/// <param name="PassedOver">Gateways earlier in the order that were passed over because their breaker is open.</param>
public sealed record CheckoutGatewayChoice(GatewayKind? Gateway, IReadOnlyList<GatewayKind> PassedOver);
