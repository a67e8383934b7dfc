using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Identity;

[Trait("Tier", "Integration")]
public sealed class AuthenticatorReplayTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task VerifyTwoFactorToken_SameCodeTwice_SecondUseIsRejected()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync("support@demo.local"))!;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var provider = users.Options.Tokens.AuthenticatorTokenProvider;
        var now = DateTimeOffset.UtcNow;

        Assert.True(await users.VerifyTwoFactorTokenAsync(user, provider, Totp.Code(key, now)));
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, provider, Totp.Code(key, now)));
        // An older step than the one used is spent too; the next step still works once.
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, provider, Totp.Code(key, now.AddSeconds(-30))));
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, provider, Totp.Code(key, now.AddSeconds(30))));
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, provider, Totp.Code(key, now.AddSeconds(30))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public async Task VerifyTwoFactorToken_MalformedCode_IsRejected(string code)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync("support@demo.local"))!;
        await users.ResetAuthenticatorKeyAsync(user);

        Assert.False(await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code));
    }
}
