using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Support;

/// <summary>
/// PaymentsPortal.Core's services (no web host) over a fresh migrated database as the app role,
/// with the demo data seeded. One per test: each test gets its own database.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly bool ownsDatabase;
    private readonly IDataProtectionProvider keys;

    private CoreHost(TestDatabase database, ServiceProvider services, IDataProtectionProvider keys, bool ownsDatabase = true)
    {
        Database = database;
        Services = services;
        this.keys = keys;
        this.ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    /// <param name="settings">Configuration as the app would read it ("Security:RequireTwoFactorForPrivilegedRoles").</param>
    /// <param name="clock">Replaces the system clock, for tests that move time.</param>
    /// <param name="configure">Runs after Core's registrations, for a test that swaps or adds a service (a log sink).</param>
    public static async Task<CoreHost> StartAsync(
        bool seedDemoData = true, IDictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var keys = new EphemeralDataProtectionProvider();
        var host = new CoreHost(database, BuildServices(database, keys, settings, clock, configure), keys);
        if (seedDemoData)
        {
            await host.Service<DemoDataSeeder>().SeedAsync();
        }

        return host;
    }

    /// <summary>
    /// A second set of Core's services over this host's database, as another app instance would have; disposing it
    /// leaves the database to this host. Both hold the same data protection keys, as the app's instances share their key ring.
    /// </summary>
    public CoreHost AnotherInstance(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        new(Database, BuildServices(Database, keys, settings, null, configure), keys, ownsDatabase: false);

    private static ServiceProvider BuildServices(
        TestDatabase database, IDataProtectionProvider keys, IDictionary<string, string?>? settings, TimeProvider? clock, Action<IServiceCollection>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(keys);
        services.AddPortalCore(configuration, database.AppConnectionString);
        configure?.Invoke(services);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A context as the app role, acting for one merchant (or none).</summary>
    public PortalDbContext Context(Guid? merchantId) => CreateContext(Database.AppConnectionString, new FixedTenantScope(merchantId));

    public static PortalDbContext CreateContext(string connectionString, ITenantScope scope)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, connectionString);
        return new PortalDbContext(options.Options, scope);
    }

    public async Task<Guid> MerchantIdAsync(string name)
    {
        await using var db = Context(null);
        return await db.Merchants.Where(m => m.Name == name).Select(m => m.Id).SingleAsync();
    }

    public async Task<PortalUser> UserAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = Context(null);
        return await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized);
    }

    /// <summary>The membership of a user in a merchant, read directly from the database.</summary>
    public async Task<MerchantMembership> MembershipAsync(Guid merchantId, string email)
    {
        var user = await UserAsync(email);
        await using var db = Context(merchantId);
        return await db.Memberships.AsNoTracking().SingleAsync(m => m.UserId == user.Id);
    }

    public async Task<UserAccess> ResolveAsync(string email, Guid? preferredMerchantId = null)
    {
        var user = await UserAsync(email);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessResolver>().ResolveAsync(user.Id, preferredMerchantId);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (ownsDatabase)
        {
            await TestPostgres.DropDatabaseAsync(Database.Name);
        }
    }
}
