using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Merchants;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Merchants;

[Trait("Tier", "Integration")]
public sealed class MerchantAdministrationTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private MerchantAdministration merchants = default!;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        merchants = host.Service<MerchantAdministration>();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("demo coffee co.")]
    [InlineData("  DEMO COFFEE CO.  ")]
    public async Task CreateAsync_DuplicateNameIgnoringCase_FailsAndCreatesNothing(string name)
    {
        var before = await merchants.ListAsync();

        var result = await merchants.CreateAsync(TestActors.Someone, name, "owner@example.com", "Owner");

        Assert.False(result.Succeeded);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await merchants.ListAsync()).Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.UserAsync("owner@example.com"));
    }

    [Fact]
    public async Task CreateAsync_NewName_CreatesMerchantWithItsFirstAdmin()
    {
        var result = await merchants.CreateAsync(TestActors.Someone, "Harbour Tea", "owner@example.com", "Olive Owner");

        Assert.True(result.Succeeded, result.Error);
        Assert.NotNull(result.Value!.OneTimePassword);
        var row = Assert.Single(await merchants.ListAsync(), m => m.Name == "Harbour Tea");
        Assert.Equal(1, row.ActiveMembers);
        Assert.Equal(MerchantStatus.Active, row.Status);
        var access = await host.ResolveAsync("owner@example.com");
        Assert.Equal(result.Value.MerchantId, access.Current?.MerchantId);
        Assert.Equal(MerchantRole.Admin, access.Current?.Role);
    }

    [Fact]
    public async Task CreateAsync_NameWithLikeWildcards_ComparesLiterally()
    {
        Assert.True((await merchants.CreateAsync(TestActors.Someone, @"100% Beans_\ Co", "first@example.com", "First")).Succeeded);

        var similar = await merchants.CreateAsync(TestActors.Someone, @"100X BeansX\ Co", "second@example.com", "Second");
        var otherCase = await merchants.CreateAsync(TestActors.Someone, @"100% BEANS_\ CO", "third@example.com", "Third");
        var exact = await merchants.CreateAsync(TestActors.Someone, @"100% Beans_\ Co", "fourth@example.com", "Fourth");

        Assert.True(similar.Succeeded, similar.Error);
        Assert.False(otherCase.Succeeded);
        Assert.False(exact.Succeeded);
        Assert.Contains("already exists", exact.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenameAsync_NewName_Renames()
    {
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);

        var result = await merchants.RenameAsync(TestActors.Someone, northwind, "  Northwind Books & Maps ");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Northwind Books & Maps", (await merchants.ListAsync()).Single(m => m.Id == northwind).Name);
    }

    [Fact]
    public async Task RenameAsync_OwnNameInOtherCase_Renames()
    {
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);

        var result = await merchants.RenameAsync(TestActors.Someone, northwind, DemoData.Northwind.ToUpperInvariant());

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(DemoData.Northwind.ToUpperInvariant(), (await merchants.ListAsync()).Single(m => m.Id == northwind).Name);
    }

    [Fact]
    public async Task RenameAsync_AnotherMerchantsNameIgnoringCase_Fails()
    {
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);

        var result = await merchants.RenameAsync(TestActors.Someone, northwind, DemoData.DemoCoffee.ToLowerInvariant());

        Assert.False(result.Succeeded);
        Assert.Equal(DemoData.Northwind, (await merchants.ListAsync()).Single(m => m.Id == northwind).Name);
    }

    [Fact]
    public async Task RenameAsync_UnknownMerchant_IsNotFound()
    {
        var result = await merchants.RenameAsync(TestActors.Someone, Guid.NewGuid(), "Ghost Shop");

        Assert.False(result.Succeeded);
        Assert.Contains("not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatusAsync_Suspended_RemovesMerchantFromItsMembersAccess()
    {
        var demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        var stampBefore = (await host.UserAsync("viewer@demo.local")).SecurityStamp;

        var result = await merchants.SetStatusAsync(TestActors.Someone, demoCoffee, MerchantStatus.Suspended);

        Assert.True(result.Succeeded, result.Error);
        var access = await host.ResolveAsync("admin@demo.local", demoCoffee);
        Assert.Empty(access.Memberships);
        Assert.Null(access.Current);
        Assert.False(access.Has(Permission.MembersView));
        Assert.NotEqual(stampBefore, (await host.UserAsync("viewer@demo.local")).SecurityStamp);
        Assert.NotEmpty((await host.ResolveAsync("admin@northwind.local")).Memberships);
    }

    [Fact]
    public async Task SetStatusAsync_Reactivated_RestoresMembersAccess()
    {
        var demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        Assert.True((await merchants.SetStatusAsync(TestActors.Someone, demoCoffee, MerchantStatus.Suspended)).Succeeded);

        var result = await merchants.SetStatusAsync(TestActors.Someone, demoCoffee, MerchantStatus.Active);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(demoCoffee, (await host.ResolveAsync("admin@demo.local")).Current?.MerchantId);
    }
}
