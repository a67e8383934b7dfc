using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Tests.Browser.Identity;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Platform;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class UsersPageTests(BrowserFixture browser, FastRevalidationFixture fixture) : IClassFixture<FastRevalidationFixture>
{
    [Fact]
    public async Task DisableAccount_ThroughUsersPage_EndsItsSessionAndBlocksSignInUntilEnabled()
    {
        const string email = "compliance@demo.local";
        var member = await browser.NewPageAsync(fixture);
        await member.SignInAsync(email);
        // The session to end is the member's live circuit: disabling before it connected would test something else.
        await member.WaitForInteractiveAsync();

        var platform = await OpenUsersPageAsync();
        await platform.ClickAsync($"[data-test=user-toggle][data-email='{email}']");
        await platform.ClickAsync("[data-test=confirm-ok]");
        await Assertions.Expect(StatusOf(platform, email)).ToHaveTextAsync("Disabled");

        await member.WaitForURLAsync("**/account/login**", new() { Timeout = 20_000 });
        await member.SubmitSignInAsync(email);
        await Assertions.Expect(member.Locator("[data-test=login-error]")).ToBeVisibleAsync();

        await platform.ClickAsync($"[data-test=user-toggle][data-email='{email}']");
        await Assertions.Expect(StatusOf(platform, email)).ToHaveTextAsync("Active");
        await member.SignInAsync(email);
        await Assertions.Expect(member.Locator("[data-test=home-title]")).ToContainTextAsync(DemoData.DemoCoffee);
        await member.Context.CloseAsync();
        await platform.Context.CloseAsync();
    }

    [Fact]
    public async Task Unlock_LockedOutAccount_CanSignInAgain()
    {
        const string email = "support@demo.local";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(30));
        }

        var member = await browser.NewPageAsync(fixture);
        await member.SubmitSignInAsync(email);
        await member.WaitForURLAsync("**/account/lockout");

        var platform = await OpenUsersPageAsync();
        await Assertions.Expect(StatusOf(platform, email)).ToHaveTextAsync("Locked out");
        await platform.ClickAsync($"[data-test=user-unlock][data-email='{email}']");
        await Assertions.Expect(StatusOf(platform, email)).ToHaveTextAsync("Active");

        await member.SignInAsync(email);
        await Assertions.Expect(member.Locator("[data-test=home-title]")).ToContainTextAsync(DemoData.DemoCoffee);
        await member.Context.CloseAsync();
        await platform.Context.CloseAsync();
    }

    [Fact]
    public async Task ResetPassword_ThroughUsersPage_UserSignsInWithTheOneTimePasswordAndMustChangeIt()
    {
        const string email = "operator@demo.local";
        var platform = await OpenUsersPageAsync();
        await platform.ClickAsync($"[data-test=user-reset-password][data-email='{email}']");
        await platform.ClickAsync("[data-test=confirm-ok]");
        var oneTimePassword = (await platform.Locator("[data-test=reset-password-result] [data-test=one-time-password]").InnerTextAsync()).Trim();

        var member = await browser.NewPageAsync(fixture);
        await member.SubmitSignInAsync(email);
        await Assertions.Expect(member.Locator("[data-test=login-error]")).ToBeVisibleAsync();
        await member.SubmitSignInAsync(email, oneTimePassword);
        await member.WaitForURLAsync("**/account/manage/password");
        await member.Context.CloseAsync();
        await platform.Context.CloseAsync();
    }

    private async Task<IPage> OpenUsersPageAsync()
    {
        var platform = await browser.NewPageAsync(fixture);
        await platform.SignInAsync(DemoData.PlatformAdminEmail);
        await platform.GotoAsync("/platform/users");
        await platform.WaitForInteractiveAsync();
        return platform;
    }

    private static ILocator StatusOf(IPage page, string email) => page.Locator($"[data-test=user-status][data-email='{email}']");
}
