using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Demo;

[Trait("Tier", "Integration")]
public sealed class DemoDataSeederTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task SeedAsync_AlreadySeededAndDemoMerchantRenamed_SeedsNothingAgain()
    {
        var demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        Assert.True((await host.Service<MerchantAdministration>().RenameAsync(TestActors.Someone, demoCoffee, "Renamed Coffee")).Succeeded);

        await host.Service<DemoDataSeeder>().SeedAsync();

        await using var db = host.Context(null);
        Assert.Equal(["Northwind Books", "Renamed Coffee"], await db.Merchants.OrderBy(m => m.Name).Select(m => m.Name).ToListAsync());
        Assert.Equal(DemoData.Accounts.Count, await db.Users.CountAsync());
    }

    [Fact]
    public async Task SeedAsync_Fresh_CreatesEveryDemoAccountWithItsRole()
    {
        foreach (var account in DemoData.Accounts.Where(a => a.Role is not null))
        {
            var access = await host.ResolveAsync(account.Email);
            Assert.Equal(account.Merchant, access.Current?.MerchantName);
            Assert.Equal(account.Role, access.Current?.Role);
        }

        Assert.True((await host.ResolveAsync(DemoData.PlatformAdminEmail)).IsPlatformAdmin);
    }
}
