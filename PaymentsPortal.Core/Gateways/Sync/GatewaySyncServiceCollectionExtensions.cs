using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PaymentsPortal.Core.Gateways.Sync;

public static class GatewaySyncServiceCollectionExtensions
{
    /// <summary>The gateway sync and one activity feed per gateway that has an event log to read.</summary>
    public static IServiceCollection AddGatewaySync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewaySyncOptions>().Bind(configuration.GetSection(GatewaySyncOptions.Section));

        // Its own client: reads may be retried by the SDK, unlike the charge calls' client.
        services.AddHttpClient(StripeActivityFeed.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IGatewayActivityFeed, StripeActivityFeed>();
        services.AddSingleton<GatewaySync>();
        return services;
    }
}
