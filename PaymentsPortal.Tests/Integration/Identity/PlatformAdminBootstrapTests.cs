using PaymentsPortal.Core.Identity;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Identity;

[Trait("Tier", "Integration")]
public sealed class PlatformAdminBootstrapTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync(seedDemoData: false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task CreateAsync_EmptyInstallation_CreatesPlatformAdminWhoMustChangeTheOneTimePassword()
    {
        var bootstrap = host.Service<PlatformAdminBootstrap>();
        Assert.False(await bootstrap.AnyAsync());

        var result = await bootstrap.CreateAsync("ops@example.com", "Ops Lead");

        Assert.True(result.Succeeded, result.Error);
        Assert.False(string.IsNullOrEmpty(result.Value!.OneTimePassword));
        var user = await host.UserAsync("ops@example.com");
        Assert.True(user.IsPlatformAdmin);
        Assert.True(user.MustChangePassword);
        Assert.True(await bootstrap.AnyAsync());
    }

    [Fact]
    public async Task CreateAsync_ExistingUser_PromotesWithoutNewPassword()
    {
        var bootstrap = host.Service<PlatformAdminBootstrap>();
        await bootstrap.CreateAsync("first@example.com", "First");
        var before = await host.UserAsync("first@example.com");

        var again = await bootstrap.CreateAsync("first@example.com", "First");

        Assert.True(again.Succeeded);
        Assert.Null(again.Value!.OneTimePassword);
        Assert.Equal(before.PasswordHash, (await host.UserAsync("first@example.com")).PasswordHash);
    }

    [Fact]
    public async Task CreateAsync_InvalidEmail_FailsWithAClearError()
    {
        var result = await host.Service<PlatformAdminBootstrap>().CreateAsync("not-an-email", "X");

        Assert.False(result.Succeeded);
        Assert.Contains("valid email", result.Error, StringComparison.Ordinal);
    }
}
