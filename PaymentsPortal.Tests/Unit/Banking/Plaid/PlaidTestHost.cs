using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>
/// The Plaid client as the app registers it (<see cref="PlaidServiceCollectionExtensions.AddPlaidClient"/>), with the
/// HttpClient's primary handler replaced by a stub, and every log line captured.
/// </summary>
internal sealed class PlaidTestHost : IDisposable
{
    // Plaid secrets are 30 hex digits with no prefix: nothing but the client itself can recognise one in a text.
    public const string Secret = "0a1b2c3d4e5f60718293a4b5c6d7e8";
    public const string ClientId = "64f1c0ffee0123456789abcd";

    public static readonly PlaidAccessToken AccessToken = new("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6");

    private readonly ServiceProvider services;

    public PlaidTestHost(PlaidStubHandler stub, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        Stub = stub;
        var values = new Dictionary<string, string?>
        {
            ["Plaid:Environment"] = "Sandbox",
            ["Plaid:ClientId"] = ClientId,
            ["Plaid:Secret"] = Secret,
            ["Plaid:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddPlaidClient(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        collection.AddHttpClient(PlaidClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => stub);
        services = collection.BuildServiceProvider();
    }

    public PlaidStubHandler Stub { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public PlaidClient Client => services.GetRequiredService<PlaidClient>();

    public PlaidWebhookVerifier Verifier => services.GetRequiredService<PlaidWebhookVerifier>();

    public string AllLogText => string.Join("\n", Logs.Entries.Select(e => e.Message));

    public void Dispose() => services.Dispose();
}
