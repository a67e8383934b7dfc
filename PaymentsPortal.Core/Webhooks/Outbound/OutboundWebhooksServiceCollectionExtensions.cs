using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Core.Webhooks.Outbound;

public static class OutboundWebhooksServiceCollectionExtensions
{
    private const string DataSourceKey = "outbound-webhooks";

    /// <summary>The outbox, the Admin's endpoints and deliveries, and the dispatcher's parts (its loop is added by <see cref="AddWebhookDispatcher"/>).</summary>
    public static IServiceCollection AddPortalOutboundWebhooks(this IServiceCollection services, IConfiguration configuration, string appConnectionString)
    {
        services.Configure<OutboundWebhookOptions>(configuration.GetSection(OutboundWebhookOptions.Section));
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<WebhookSecretProtector>();
        services.AddSingleton<WebhookEndpointAdministration>();
        services.AddSingleton<WebhookDeliveryQueries>();
        services.AddSingleton<WebhookDeliveryActions>();

        // The dispatcher's SQL runs on its own small pool: a burst of deliveries cannot take the connections pages need.
        var prepared = PortalDatabase.WithAutoPrepare(appConnectionString);
        services.AddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(prepared));
        services.AddSingleton(sp => new WebhookDeliveryQueue(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WebhookRetention(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<IOptions<OutboundWebhookOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryRecorder>();
        services.AddSingleton<WebhookDispatchPass>();
        services.AddSingleton<OutboundWebhookSignal>();

        // Receivers are strangers' servers: no redirects, no cookies, no proxy from the environment, the address checked where
        // it is connected to, and none of the client factory's request logging (a URL may carry a receiver's token).
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = new WebhookConnector(sp.GetRequiredService<WebhookUrlPolicy>().AllowsLocalNetwork).ConnectAsync,
            })
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>This instance's dispatcher (the web app's hosts); it does nothing where <see cref="JobsOptions.RunServer"/> is off.</summary>
    public static IServiceCollection AddWebhookDispatcher(this IServiceCollection services, string appConnectionString) =>
        services.AddSingleton(sp => new WebhookDispatcher(
                appConnectionString, sp.GetRequiredService<OutboundWebhookSignal>(), sp.GetRequiredService<WebhookDispatchPass>(),
                sp.GetRequiredService<WebhookDeliveryQueue>(), sp.GetRequiredService<IOptions<OutboundWebhookOptions>>(),
                sp.GetRequiredService<IOptions<JobsOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookDispatcher>>()))
            .AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
}
