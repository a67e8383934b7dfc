using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PaymentsPortal.Core.Banking.Plaid;

public static class PlaidServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PlaidClient"/>, the webhook verifier and its key cache, with <see cref="PlaidOptions"/> bound to
    /// the "Plaid" section and validated at start. The named HttpClient has its own timeout off (each call is bounded
    /// by <see cref="PlaidOptions.Timeout"/>) and no retry or resilience handler: see <see cref="PlaidClient"/> for why
    /// nothing is retried. Its request logging keeps .NET's default of redacting every header value.
    /// </summary>
    public static IServiceCollection AddPlaidClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlaidOptions>().Bind(configuration.GetSection(PlaidOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlaidOptions>, PlaidOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(PlaidClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)

            // Plaid's API does not redirect. Following one would resend the credentials and the body somewhere else, or
            // turn a POST into a GET; the 3xx is returned and classified instead.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<PlaidAddressOverride>();
        services.TryAddSingleton<PlaidClient>();
        services.TryAddSingleton<PlaidWebhookKeyCache>();
        services.TryAddSingleton<PlaidWebhookVerifier>();
        return services;
    }
}
