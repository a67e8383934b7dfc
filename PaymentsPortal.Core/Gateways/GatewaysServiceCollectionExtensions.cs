using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Gateways.Braintree;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Gateways.Stripe;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Payments.Checkout;
using PaymentsPortal.Core.Payments.Reconciliation;

namespace PaymentsPortal.Core.Gateways;

public static class GatewaysServiceCollectionExtensions
{
    /// <summary>The router, its breakers, the merchants' gateway chains and idempotency keys. Adapters register their own factories.</summary>
    public static IServiceCollection AddPortalGateways(this IServiceCollection services)
    {
        services.AddSingleton<GatewayEndpoints>();
        services.AddSingleton<GatewayCredentialProtector>();
        services.AddSingleton<MerchantGatewayChain>();
        services.AddSingleton<GatewaySettingsAdministration>();
        services.AddSingleton<GatewayCircuitBreakers>();
        services.AddSingleton<AttemptLog>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<GatewayAdapters>();
        services.AddSingleton<PaymentRouter>();
        services.AddSingleton<CheckoutGatewayChooser>();
        services.AddSingleton<PaymentReconciliation>();
        services.AddSingleton<OrphanedCharges>();
        services.AddSingleton<CheckoutPayments>();
        services.AddSingleton<VirtualTerminal>();
        services.AddSingleton<AuthenticationFollowUp>();
        services.AddStripeGateway();
        services.AddBraintreeGateway();
        return services;
    }
}
