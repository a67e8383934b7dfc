using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Users;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Users;

[Trait("Tier", "Integration")]
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ListAsync_DemoData_ListsEveryAccountWithItsActiveMemberships()
    {
        var rows = await host.Service<UserAdministration>().ListAsync();

        Assert.Equal(DemoData.Accounts.Select(a => a.Email).Order(StringComparer.Ordinal), rows.Select(r => r.Email).Order(StringComparer.Ordinal));
        Assert.Equal(1, rows.Single(r => r.Email == "viewer@demo.local").ActiveMemberships);
        Assert.Equal(0, rows.Single(r => r.Email == DemoData.PlatformAdminEmail).ActiveMemberships);
        Assert.True(rows.Single(r => r.Email == DemoData.PlatformAdminEmail).IsPlatformAdmin);
    }

    [Fact]
    public async Task SetDisabledAsync_User_CannotSignInAndStampIsRenewed()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);
        var viewer = await host.UserAsync("viewer@demo.local");

        var result = await host.Service<UserAdministration>().SetDisabledAsync(TestActors.For(platform.Id), viewer.Id, true);

        Assert.True(result.Succeeded, result.Error);
        var after = await host.UserAsync("viewer@demo.local");
        Assert.True(after.IsDisabled);
        Assert.NotEqual(viewer.SecurityStamp, after.SecurityStamp);
        // A disabled account resolves to no access at all, whatever its memberships say.
        Assert.Same(UserAccess.Anonymous, await host.ResolveAsync("viewer@demo.local"));
    }

    [Fact]
    public async Task SetDisabledAsync_Self_IsRefused()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);

        var result = await host.Service<UserAdministration>().SetDisabledAsync(TestActors.For(platform.Id), platform.Id, true);

        Assert.False(result.Succeeded);
        Assert.False((await host.UserAsync(DemoData.PlatformAdminEmail)).IsDisabled);
    }

    [Fact]
    public async Task UnlockAsync_LockedOutUser_CanSignInAgain()
    {
        var support = await host.UserAsync("support@demo.local");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var tracked = (await users.FindByIdAsync(support.Id.ToString()))!;
            await users.SetLockoutEndDateAsync(tracked, DateTimeOffset.UtcNow.AddMinutes(30));
            Assert.True(await users.IsLockedOutAsync(tracked));
        }

        var result = await host.Service<UserAdministration>().UnlockAsync(TestActors.Someone, support.Id);

        Assert.True(result.Succeeded, result.Error);
        await using var check = host.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await manager.FindByIdAsync(support.Id.ToString()))!;
        Assert.False(await manager.IsLockedOutAsync(user));
        Assert.Equal(0, await manager.GetAccessFailedCountAsync(user));
    }

    [Fact]
    public async Task ResetPasswordAsync_User_OldPasswordStopsWorkingAndNewOneMustBeChanged()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);
        var viewer = await host.UserAsync("viewer@demo.local");

        var result = await host.Service<UserAdministration>().ResetPasswordAsync(TestActors.For(platform.Id), viewer.Id);

        Assert.True(result.Succeeded, result.Error);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(viewer.Id.ToString()))!;
        Assert.False(await users.CheckPasswordAsync(user, DemoData.Password));
        Assert.True(await users.CheckPasswordAsync(user, result.Value!));
        Assert.True(user.MustChangePassword);
        Assert.NotEqual(viewer.SecurityStamp, user.SecurityStamp);
    }

    [Fact]
    public async Task ResetTwoFactorAsync_EnrolledUser_TurnsItOffAndVoidsKeyAndRecoveryCodes()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);
        var support = await host.UserAsync("support@demo.local");
        string oldKey;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(support.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            oldKey = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }

        var result = await host.Service<UserAdministration>().ResetTwoFactorAsync(TestActors.For(platform.Id), support.Id);

        Assert.True(result.Succeeded, result.Error);
        await using var check = host.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var after = (await manager.FindByIdAsync(support.Id.ToString()))!;
        Assert.False(after.TwoFactorEnabled);
        Assert.NotEqual(oldKey, await manager.GetAuthenticatorKeyAsync(after));
        Assert.Equal(0, await manager.CountRecoveryCodesAsync(after));
    }

    [Fact]
    public async Task ResetPasswordAsync_Self_IsRefused()
    {
        var platform = await host.UserAsync(DemoData.PlatformAdminEmail);

        var result = await host.Service<UserAdministration>().ResetPasswordAsync(TestActors.For(platform.Id), platform.Id);

        Assert.False(result.Succeeded);
    }
}
