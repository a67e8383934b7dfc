using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Gateways.Sync;

public static class GatewaySyncServiceCollectionExtensions
{
    /// <summary>The gateway sync and one activity feed per gateway (Stripe's event log; Braintree's searches).</summary>
    public static IServiceCollection AddGatewaySync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewaySyncOptions>().Bind(configuration.GetSection(GatewaySyncOptions.Section));

        // Its own client: reads may be retried by the SDK, unlike the charge calls' client.
        services.AddHttpClient(StripeActivityFeed.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IGatewayActivityFeed, StripeActivityFeed>();

        // Braintree's feed reads through the GraphQL client of the adapter, on a client of its own: a redirect is refused as for charges.
        services.AddHttpClient(BraintreeActivityFeed.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<IGatewayActivityFeed, BraintreeActivityFeed>();
        services.AddSingleton<GatewaySync>();
        return services;
    }
}
