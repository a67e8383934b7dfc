using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Braintree;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// Creates merchants with the chain Sandbox mode gives its demo merchants, Stripe then Braintree, with the simulators'
/// test credentials encrypted as the Gateways page stores them. Written directly, as the demo seeder does.
/// </summary>
internal static class BenchmarkMerchants
{
    /// <summary>The attempt timeout Sandbox mode gives both gateways, used wherever the benchmark is not testing a timeout.</summary>
    public static readonly TimeSpan SandboxTimeout = TimeSpan.FromSeconds(10);

    private const string BraintreeMerchantId = "bench_merchant";

    public static async Task<Guid[]> CreateAsync(IServiceProvider services, string name, int count, TimeSpan stripeTimeout)
    {
        var credentials = services.GetRequiredService<GatewayCredentialProtector>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var merchants = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            var merchant = Merchant.Create(Guid.CreateVersion7(now), $"{name} {i + 1}", now);
            db.Merchants.Add(merchant);
            merchants[i] = merchant.Id;
            db.MerchantGateways.Add(Setting(credentials, merchant.Id, GatewayKind.Stripe, 1, SandboxGateways.StripeSandboxKey, null, stripeTimeout, now));
            db.MerchantGateways.Add(Setting(credentials, merchant.Id, GatewayKind.Braintree, 2, BraintreeSimulatorOptions.Sandbox.Secret, BraintreeMerchantId, SandboxTimeout, now));
        }

        await db.SaveChangesAsync();
        return merchants;
    }

    private static MerchantGateway Setting(
        GatewayCredentialProtector credentials, Guid merchant, GatewayKind kind, int priority, string secret, string? accountId, TimeSpan timeout, DateTimeOffset now) => new()
    {
        MerchantId = merchant,
        Gateway = kind,
        Priority = priority,
        AttemptTimeoutMs = (int)timeout.TotalMilliseconds,
        AccountId = accountId,
        ProtectedSecret = credentials.Protect(secret),
        SecretHint = GatewayCredentialProtector.HintOf(secret),
        UpdatedAt = now,
    };
}
