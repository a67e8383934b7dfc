using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Members;

[Trait("Tier", "Integration")]
public sealed class MemberAdministrationTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private MemberAdministration members = default!;
    private Guid demoCoffee;
    private Guid northwind;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        members = host.Service<MemberAdministration>();
        demoCoffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await host.MerchantIdAsync(DemoData.Northwind);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AddAsync_ExistingUser_AddsMembershipWithoutNewPassword()
    {
        var result = await members.AddAsync(northwind, TestActors.Someone, "viewer@demo.local", "", MerchantRole.Operator);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Value!.OneTimePassword);
        var membership = await host.MembershipAsync(northwind, "viewer@demo.local");
        Assert.Equal(result.Value.MembershipId, membership.Id);
        Assert.Equal(MerchantRole.Operator, membership.Role);
        Assert.False((await host.UserAsync("viewer@demo.local")).MustChangePassword);
    }

    [Fact]
    public async Task AddAsync_NewUser_ReturnsWorkingOneTimePasswordAndMustChangePassword()
    {
        var result = await members.AddAsync(demoCoffee, TestActors.Someone, "  new.person@example.com ", "New Person", MerchantRole.Support);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("new.person@example.com", result.Value!.Email);
        Assert.False(string.IsNullOrEmpty(result.Value.OneTimePassword));
        var user = await host.UserAsync("new.person@example.com");
        Assert.True(user.MustChangePassword);
        Assert.Equal("New Person", user.DisplayName);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id.ToString()))!, result.Value.OneTimePassword));
        Assert.Equal(MerchantRole.Support, (await host.MembershipAsync(demoCoffee, "new.person@example.com")).Role);
    }

    [Fact]
    public async Task AddAsync_AlreadyMember_Fails()
    {
        var result = await members.AddAsync(demoCoffee, TestActors.Someone, "viewer@demo.local", "", MerchantRole.Admin);

        Assert.False(result.Succeeded);
        Assert.Contains("already a member", result.Error, StringComparison.Ordinal);
        Assert.Equal(MerchantRole.Viewer, (await host.MembershipAsync(demoCoffee, "viewer@demo.local")).Role);
    }

    [Fact]
    public async Task AddAsync_InvalidEmail_Fails()
    {
        var result = await members.AddAsync(demoCoffee, TestActors.Someone, "not-an-email", "Someone", MerchantRole.Viewer);

        Assert.False(result.Succeeded);
        Assert.Equal(DemoData.Accounts.Count(a => a.Merchant == DemoData.DemoCoffee), (await members.ListAsync(demoCoffee)).Count);
    }

    [Fact]
    public async Task ChangeRoleAsync_OwnMembership_Fails()
    {
        var admin = await host.UserAsync("admin@demo.local");
        var own = await host.MembershipAsync(demoCoffee, "admin@demo.local");

        var result = await members.ChangeRoleAsync(demoCoffee, TestActors.For(admin.Id), own.Id, MerchantRole.Viewer);

        Assert.False(result.Succeeded);
        Assert.Contains("your own role", result.Error, StringComparison.Ordinal);
        Assert.Equal(MerchantRole.Admin, (await host.MembershipAsync(demoCoffee, "admin@demo.local")).Role);
    }

    [Fact]
    public async Task ChangeRoleAsync_LastActiveAdmin_FailsAndKeepsTheAdmin()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);
        var admin = await host.MembershipAsync(demoCoffee, "admin@demo.local");

        var result = await members.ChangeRoleAsync(demoCoffee, TestActors.For(platform.Id), admin.Id, MerchantRole.Viewer);

        Assert.False(result.Succeeded);
        Assert.Contains("at least one active admin", result.Error, StringComparison.Ordinal);
        Assert.Equal(MerchantRole.Admin, (await host.MembershipAsync(demoCoffee, "admin@demo.local")).Role);
    }

    [Fact]
    public async Task SetDisabledAsync_LastActiveAdmin_FailsAndKeepsTheAdmin()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);
        var admin = await host.MembershipAsync(demoCoffee, "admin@demo.local");

        var result = await members.SetDisabledAsync(demoCoffee, TestActors.For(platform.Id), admin.Id, disabled: true);

        Assert.False(result.Succeeded);
        Assert.False((await host.MembershipAsync(demoCoffee, "admin@demo.local")).IsDisabled);
    }

    [Fact]
    public async Task SetDisabledAsync_AdminWithAnotherActiveAdmin_Succeeds()
    {
        var admin = await host.UserAsync("admin@demo.local");
        var compliance = await host.MembershipAsync(demoCoffee, "compliance@demo.local");
        Assert.True((await members.ChangeRoleAsync(demoCoffee, TestActors.For(admin.Id), compliance.Id, MerchantRole.Admin)).Succeeded);
        var adminMembership = await host.MembershipAsync(demoCoffee, "admin@demo.local");

        var result = await members.SetDisabledAsync(demoCoffee, TestActors.For(compliance.UserId), adminMembership.Id, disabled: true);

        Assert.True(result.Succeeded, result.Error);
        var access = await host.ResolveAsync("admin@demo.local");
        Assert.Null(access.Current);
        Assert.False(access.Has(Permission.MembersView));
    }

    [Fact]
    public async Task ChangeRoleAsync_Succeeds_RenewsTheMembersSecurityStampAndAccess()
    {
        var admin = await host.UserAsync("admin@demo.local");
        var viewer = await host.MembershipAsync(demoCoffee, "viewer@demo.local");
        var stampBefore = (await host.UserAsync("viewer@demo.local")).SecurityStamp;

        var result = await members.ChangeRoleAsync(demoCoffee, TestActors.For(admin.Id), viewer.Id, MerchantRole.Compliance);

        Assert.True(result.Succeeded, result.Error);
        Assert.NotEqual(stampBefore, (await host.UserAsync("viewer@demo.local")).SecurityStamp);
        var access = await host.ResolveAsync("viewer@demo.local");
        Assert.Equal(MerchantRole.Compliance, access.Current?.Role);
        Assert.True(access.Has(Permission.MembersView));
    }
}
