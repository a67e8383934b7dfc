using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Tenancy;

[Trait("Tier", "Integration")]
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid demoCoffee;
    private Guid northwind;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await host.MerchantIdAsync(DemoData.Northwind);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Memberships_ScopedToDemoCoffee_SeesOnlyDemoCoffeeRows()
    {
        await using var db = host.Context(demoCoffee);

        var memberships = await db.Memberships.ToListAsync();

        Assert.Equal(DemoData.Accounts.Count(a => a.Merchant == DemoData.DemoCoffee), memberships.Count);
        Assert.All(memberships, m => Assert.Equal(demoCoffee, m.MerchantId));
        Assert.False(await db.Memberships.AnyAsync(m => m.MerchantId == northwind));
    }

    [Fact]
    public async Task Memberships_NoTenant_SeesNone()
    {
        await using var db = host.Context(null);

        Assert.Equal(0, await db.Memberships.CountAsync());
        // The rows exist: only the filter hides them.
        Assert.True(await db.Memberships.IgnoreQueryFilters().AnyAsync());
    }

    [Fact]
    public async Task ListAsync_DemoCoffee_ContainsNoNorthwindUser()
    {
        var rows = await host.Service<MemberAdministration>().ListAsync(demoCoffee);

        Assert.Equal(DemoData.Accounts.Where(a => a.Merchant == DemoData.DemoCoffee).Select(a => a.Email).Order(),
            rows.Select(r => r.Email).Order());
        Assert.DoesNotContain(rows, r => r.Email == "admin@northwind.local");
    }

    [Fact]
    public async Task ChangeRoleAsync_MembershipOfAnotherMerchant_IsNotFoundAndChangesNothing()
    {
        var actor = await host.UserAsync("admin@demo.local");
        var target = await host.MembershipAsync(northwind, "admin@northwind.local");

        var result = await host.Service<MemberAdministration>().ChangeRoleAsync(demoCoffee, TestActors.For(actor.Id), target.Id, MerchantRole.Viewer);

        Assert.False(result.Succeeded);
        Assert.Contains("not found", result.Error, StringComparison.Ordinal);
        var after = await host.MembershipAsync(northwind, "admin@northwind.local");
        Assert.Equal(MerchantRole.Admin, after.Role);
        Assert.Equal(target.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task SetDisabledAsync_MembershipOfAnotherMerchant_IsNotFoundAndChangesNothing()
    {
        var actor = await host.UserAsync("admin@demo.local");
        var target = await host.MembershipAsync(northwind, "admin@northwind.local");
        var stampBefore = (await host.UserAsync("admin@northwind.local")).SecurityStamp;

        var result = await host.Service<MemberAdministration>().SetDisabledAsync(demoCoffee, TestActors.For(actor.Id), target.Id, disabled: true);

        Assert.False(result.Succeeded);
        Assert.Contains("not found", result.Error, StringComparison.Ordinal);
        var after = await host.MembershipAsync(northwind, "admin@northwind.local");
        Assert.False(after.IsDisabled);
        Assert.Equal(stampBefore, (await host.UserAsync("admin@northwind.local")).SecurityStamp);
    }

    [Fact]
    public async Task ResolveAsync_PreferredMerchantUserIsNotMemberOf_IsIgnored()
    {
        var access = await host.ResolveAsync("admin@demo.local", preferredMerchantId: northwind);

        Assert.NotNull(access.Current);
        Assert.Equal(demoCoffee, access.Current.MerchantId);
        Assert.DoesNotContain(access.Memberships, m => m.MerchantId == northwind);
    }

    [Fact]
    public async Task ResolveAsync_PreferredMerchantUserIsMemberOf_IsHonoured()
    {
        var added = await host.Service<MemberAdministration>().AddAsync(northwind, TestActors.Someone, "admin@demo.local", "", MerchantRole.Viewer);
        Assert.True(added.Succeeded, added.Error);

        var access = await host.ResolveAsync("admin@demo.local", preferredMerchantId: northwind);

        Assert.Equal(northwind, access.Current?.MerchantId);
        Assert.Equal(MerchantRole.Viewer, access.Current?.Role);
        Assert.Equal(2, access.Memberships.Count);
    }
}
