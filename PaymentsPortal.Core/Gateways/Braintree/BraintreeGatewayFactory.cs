using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Creates a <see cref="BraintreeGateway"/> for one merchant's connection. HttpClients come from
/// <see cref="IHttpClientFactory"/> (pooled handlers, DNS refresh); the named client must have no retry or resilience
/// handler, because a retried charge without an idempotency key can charge twice.
/// </summary>
public sealed class BraintreeGatewayFactory(IHttpClientFactory httpClients, ILoggerFactory? loggers = null) : IGatewayAdapterFactory
{
    public GatewayKind Kind => GatewayKind.Braintree;

    IPaymentGateway IGatewayAdapterFactory.Create(GatewayConnection connection) => Create(connection);

    public const string HttpClientName = "Braintree";

    public BraintreeGateway Create(GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new BraintreeGateway(connection, httpClients.CreateClient(HttpClientName), (loggers ?? NullLoggerFactory.Instance).CreateLogger<BraintreeGateway>());
    }
}

public static class BraintreeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Braintree HttpClient and <see cref="BraintreeGatewayFactory"/>. The client's own timeout is off:
    /// each call is bounded by <see cref="GatewayConnection.AttemptTimeout"/> instead. Add no retry or resilience
    /// handler to this client.
    /// </summary>
    public static IServiceCollection AddBraintreeGateway(this IServiceCollection services)
    {
        services.AddHttpClient(BraintreeGatewayFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)

            // A redirect would re-send a charge (307/308) or turn it into a GET (301/302) behind our back; a payment API
            // has no business redirecting, so the 3xx is returned and classified Unknown instead.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<BraintreeGatewayFactory>();
        services.AddSingleton<IGatewayAdapterFactory>(sp => sp.GetRequiredService<BraintreeGatewayFactory>());
        return services;
    }
}
