using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Banking.Links;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Banking;

/// <summary>
/// Plaid access tokens under the app's real Data Protection set-up (key ring in PostgreSQL): never stored in clear, and still readable
/// after the key ring rotates, by this instance and by another one that starts later.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BankTokenProtectorTests : IAsyncLifetime
{
    private const string Token = "access-sandbox-5f3e1c2a-9b7d-4e8f-a1b2-c3d4e5f6a7b8";
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await TestPostgres.DropDatabaseAsync(database.Name);

    [Fact]
    public async Task Protect_ThenRotateTheKeyRing_OldTokensStillDecrypt_AndNothingInTheDatabaseHoldsTheToken()
    {
        await using var first = Instance();
        var protector = new BankTokenProtector(first.GetRequiredService<IDataProtectionProvider>());
        var stored = protector.Protect(Token);

        // A rotation, as Data Protection makes one every 90 days: new ciphertexts use the new key.
        var now = DateTimeOffset.UtcNow;
        first.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        await using var second = Instance();
        var storedAfter = new BankTokenProtector(second.GetRequiredService<IDataProtectionProvider>()).Protect(Token);

        await using var later = Instance();
        var reader = new BankTokenProtector(later.GetRequiredService<IDataProtectionProvider>());
        Assert.Equal(Token, reader.Unprotect(stored));
        Assert.Equal(Token, reader.Unprotect(storedAfter));
        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal);
        await using var db = CoreHost.CreateContext(database.AppConnectionString, new FixedTenantScope(null));
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.Equal(2, keys.Count);
        Assert.DoesNotContain(keys, k => k.Xml!.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public void Unprotect_AGatewaySecretsCiphertext_IsRefused()
    {
        using var services = Instance();
        var provider = services.GetRequiredService<IDataProtectionProvider>();
        var gatewaySecret = new Core.Gateways.Settings.GatewayCredentialProtector(provider).Protect(Token);

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new BankTokenProtector(provider).Unprotect(gatewaySecret));
    }

    // Data Protection as the app sets it up, over this test's database: every instance reads and writes the same key ring.
    private ServiceProvider Instance()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<ITenantScope>(_ => new FixedTenantScope(null));
        services.AddDbContext<PortalDbContext>(options => PortalDatabase.Configure(options, database.AppConnectionString));
        services.AddDataProtection().SetApplicationName("PaymentsPortal").PersistKeysToDbContext<PortalDbContext>();
        return services.BuildServiceProvider();
    }
}
