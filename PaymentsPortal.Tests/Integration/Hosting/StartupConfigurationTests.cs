using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

/// <summary>What the real app does when started in Production with each mode.</summary>
[Trait("Tier", "Integration")]
public sealed class StartupConfigurationTests : IAsyncLifetime
{
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await TestPostgres.DropDatabaseAsync(database.Name);

    [Fact]
    public async Task Start_ProductionInSandboxMode_Refuses()
    {
        await using var app = new PortalAppFactory(database, environment: "Production");

        var error = StartupError(app);

        Assert.Contains("Sandbox", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionLiveWithDemoSeeding_Refuses()
    {
        await using var app = new PortalAppFactory(database,
            new Dictionary<string, string?> { ["Portal:Mode"] = "Live", ["Portal:SeedDemoData"] = "true" }, "Production");

        var error = StartupError(app);

        Assert.Contains("seeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionLive_RunsWithoutDemoAccounts()
    {
        await using var app = new PortalAppFactory(database, new Dictionary<string, string?> { ["Portal:Mode"] = "Live" }, "Production");

        app.Start();

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Null(await users.FindByEmailAsync("admin@demo.local"));
        Assert.False(await users.Users.AnyAsync());
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Merchants.AnyAsync());
    }

    private static InvalidOperationException StartupError(PortalAppFactory app)
    {
        var thrown = Record.Exception(app.Start);
        Assert.NotNull(thrown);
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected an InvalidOperationException, got {thrown}");
    }
}
