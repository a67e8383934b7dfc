using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Core.Banking.Plaid;
using PaymentsPortal.Sandbox.Faults;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Sandbox.Stripe;
using PaymentsPortal.Sandbox.TestPayments;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// Sandbox mode's far end: starts the gateway simulators on loopback, points the real adapters at them, and
/// gives each demo merchant a chain (Stripe, then Braintree) with the simulators' test credentials.
/// </summary>
public sealed class SandboxGateways(
    IEnumerable<IGatewaySimulator> simulators,
    SimulatedFaults faults,
    GatewayEndpoints endpoints,
    GatewayCredentialProtector credentials,
    IServiceScopeFactory scopes,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    IHostEnvironment environment,
    ILogger<SandboxGateways> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The Stripe test key the demo merchants use; the simulator accepts any sk_test_ key and nothing real does.</summary>
    public const string StripeSandboxKey = "sk_test_portal_sandbox";

    /// <summary>
    /// Each demo merchant's own simulated Stripe account, as each real merchant has its own: payouts and disputes belong to an
    /// account, so two merchants sharing one would each see the other's.
    /// </summary>
    public static string StripeSandboxKeyFor(Guid merchantId) => $"sk_test_portal_{merchantId:N}_sandbox";

    /// <summary>The publishable key the demo merchants' Stripe.js stand-in is given; Sandbox checkout also uses it when none is set.</summary>
    public const string StripeSandboxPublishableKey = "pk_test_portal_sandbox";

    private SandboxSimulatorHost? host;

    public SandboxSimulatorHost Host => host ?? throw new InvalidOperationException("The sandbox simulators have not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The start-up guard already refuses Sandbox mode in Production; the simulators check again, because a simulator
        // that answers "succeeded" to every test card must never stand where a real gateway is expected.
        if (environment.IsProduction())
        {
            throw new InvalidOperationException("The gateway simulators never run in the Production environment.");
        }

        host = await SandboxSimulatorHost.StartAsync(simulators, faults, cancellationToken);
        foreach (var kind in Enum.GetValues<GatewayKind>().Where(host.Serves))
        {
            endpoints.Use(kind, host.AddressOf(kind));
            logger.LogInformation("Sandbox: the {Gateway} simulator listens at {Address}.", kind, host.AddressOf(kind));
        }

        if (options.Value.ShouldSeedDemoData)
        {
            await SeedDemoChainsAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
            host = null;
        }
    }

    // Only merchants with no gateway at all get the demo chain, so an admin's own changes survive restarts.
    private async Task SeedDemoChainsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var demoNames = DemoData.Accounts.Select(a => a.Merchant).OfType<string>().Distinct().ToList();
        var merchants = await db.Merchants.Where(m => demoNames.Contains(m.Name)).Select(m => m.Id).ToListAsync(cancellationToken);
        var configured = await db.MerchantGateways.IgnoreQueryFilters().Select(g => g.MerchantId).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var merchant in merchants.Except(configured))
        {
            var stripe = Setting(merchant, GatewayKind.Stripe, 1, StripeSandboxKeyFor(merchant), StripeSandboxPublishableKey, now);
            GiveWebhookSecret(stripe);
            db.MerchantGateways.Add(stripe);
            var braintree = Setting(merchant, GatewayKind.Braintree, 2, BraintreeSimulatorOptions.Sandbox.Secret, "sandbox_merchant", now);
            // One simulated merchant account per currency, listed the way the settings page asks an Admin to.
            braintree.MerchantAccountId = string.Join(", ", BraintreeSimulatorOptions.Sandbox.MerchantAccounts.Select(a => $"{a.Value}={a.Key}"));
            db.MerchantGateways.Add(braintree);
        }

        // Demo merchants seeded before webhooks existed get their simulator secret too, so their Stripe events are accepted.
        var withoutSecret = await db.MerchantGateways.IgnoreQueryFilters()
            .Where(g => merchants.Contains(g.MerchantId) && g.Gateway == GatewayKind.Stripe && g.ProtectedWebhookSecret == null)
            .ToListAsync(cancellationToken);
        withoutSecret.ForEach(GiveWebhookSecret);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A simulator endpoint secret of the shape Stripe issues; the Stripe simulator signs this merchant's events with it.</summary>
    private void GiveWebhookSecret(MerchantGateway stripe)
    {
        var secret = "whsec_" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 32);
        stripe.ProtectedWebhookSecret = credentials.Protect(secret);
        stripe.WebhookSecretHint = GatewayCredentialProtector.HintOf(secret);
    }

    private MerchantGateway Setting(Guid merchant, GatewayKind kind, int priority, string secret, string? accountId, DateTimeOffset now) => new()
    {
        MerchantId = merchant,
        Gateway = kind,
        Priority = priority,
        AttemptTimeoutMs = 10_000,
        AccountId = accountId,
        ProtectedSecret = credentials.Protect(secret),
        SecretHint = GatewayCredentialProtector.HintOf(secret),
        UpdatedAt = now,
    };
}

public static class SandboxServiceCollectionExtensions
{
    /// <summary>The simulators and their host; only called in Sandbox mode, which the start-up guard keeps out of Production.</summary>
    public static IServiceCollection AddPortalSandbox(this IServiceCollection services)
    {
        services.AddSingleton<SimulatedFaults>();

        // The simulators send signed webhooks to the app's own endpoints, queued so that no API reply waits for them.
        services.AddOptions<SandboxWebhookOptions>().BindConfiguration(SandboxWebhookOptions.Section);
        services.AddHttpClient(SandboxWebhookSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SandboxAppAddress>();
        services.AddSingleton<SandboxWebhookSubscribers>();
        services.AddSingleton<SandboxWebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxWebhookSender>());
        services.AddSingleton(sp => new StripeSimulator(
            sp.GetRequiredService<SimulatedFaults>(), sp.GetRequiredService<TimeProvider>(), webhooks: sp.GetRequiredService<SandboxWebhookSender>()));
        services.AddSingleton<IGatewaySimulator>(sp => sp.GetRequiredService<StripeSimulator>());
        // Settled at once, so that a sandbox user can refund straight after paying (real Braintree settles in a daily batch).
        services.AddSingleton(sp => new BraintreeSimulator(
            sp.GetRequiredService<SimulatedFaults>(), BraintreeSimulatorOptions.Sandbox with { SettleImmediately = true }, sp.GetRequiredService<SandboxWebhookSender>()));
        services.AddSingleton<IGatewaySimulator>(sp => sp.GetRequiredService<BraintreeSimulator>());
        services.AddSingleton<SandboxGateways>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxGateways>());
        AddSandboxPlaid(services);

        // The Sandbox faults page's use cases; in Live mode their absence is what makes the page answer "not found".
        services.AddSingleton<SandboxFaultSwitch>();
        services.AddSingleton<SandboxGatewayStatus>();
        services.AddSingleton<SandboxTestPayments>();
        return services;
    }

    // Plaid's simulator with its own signing keys and webhook sender; the real Plaid client is pointed at it with the simulator's keys.
    private static void AddSandboxPlaid(IServiceCollection services)
    {
        services.AddHttpClient(SandboxPlaidWebhooks, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(sp => new PlaidWebhookKeys(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PlaidWebhookSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SandboxPlaidWebhooks), sp.GetRequiredService<PlaidWebhookKeys>(),
            sp.GetRequiredService<IOptions<SandboxWebhookOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PlaidWebhookSender>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PlaidWebhookSender>());
        services.AddSingleton(sp => new PlaidSimulator(
            PlaidSimulatorOptions.Sandbox, sp.GetRequiredService<PlaidWebhookSender>(), sp.GetRequiredService<PlaidWebhookKeys>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SandboxPlaid>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxPlaid>());
        services.PostConfigure<PlaidOptions>(options =>
        {
            options.Environment = PlaidEnvironment.Simulator;
            options.ClientId = PlaidSimulatorOptions.Sandbox.ClientId;
            options.Secret = PlaidSimulatorOptions.Sandbox.Secret;

            // Replaced by the simulator's real address as soon as it listens (SandboxPlaid); until then calls are refused, as when Plaid is down.
            options.BaseAddress ??= new Uri("http://127.0.0.1:9/");
        });
    }

    private const string SandboxPlaidWebhooks = "SandboxPlaidWebhooks";
}
