using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Core.Gateways.Stripe;

/// <summary>
/// Creates the Stripe adapter for one merchant's <see cref="GatewayConnection"/>. Cheap enough to call per payment:
/// the HttpClient comes from IHttpClientFactory, which pools the connections underneath.
/// </summary>
public sealed class StripeGatewayFactory(IHttpClientFactory httpClients, ILoggerFactory loggers) : IGatewayAdapterFactory
{
    public GatewayKind Kind => GatewayKind.Stripe;

    /// <summary>The named HttpClient. It must stay free of retry handlers: a retried POST could be a second charge.</summary>
    public const string HttpClientName = "Stripe";

    public IPaymentGateway Create(GatewayConnection connection) =>
        new StripeGateway(connection, httpClients.CreateClient(HttpClientName), loggers.CreateLogger<StripeGateway>());
}

public static class StripeGatewayServiceCollectionExtensions
{
    /// <summary>Registers <see cref="StripeGatewayFactory"/> and its named HttpClient (no resilience handler, on purpose).</summary>
    public static IServiceCollection AddStripeGateway(this IServiceCollection services)
    {
        // The per-attempt timeout is the adapter's; HttpClient's own only backs it up.
        services.AddHttpClient(StripeGatewayFactory.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(2));
        services.TryAddSingleton<StripeGatewayFactory>();
        services.AddSingleton<IGatewayAdapterFactory>(sp => sp.GetRequiredService<StripeGatewayFactory>());
        return services;
    }
}
