using Microsoft.Playwright;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class SessionRevalidationTests(BrowserFixture browser, FastRevalidationFixture fixture) : IClassFixture<FastRevalidationFixture>
{
    // Several revalidation intervals: generous for a loaded 2-core machine, far below the 30 s default.
    private static readonly PageWaitForURLOptions WithinRevalidation = new() { Timeout = 20_000 };

    [Fact]
    public async Task DisableMember_ThroughMembersPage_EndsTheMembersOpenSession()
    {
        const string email = "viewer@demo.local";
        var viewer = await browser.NewPageAsync(fixture);
        await viewer.SignInAsync(email);
        await Assertions.Expect(viewer.Locator("[data-test=home-title]")).ToContainTextAsync(DemoData.DemoCoffee);
        await viewer.WaitForInteractiveAsync();

        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/members");
        await admin.WaitForInteractiveAsync();
        var toggle = admin.Locator($"[data-test=member-toggle][data-email='{email}']");
        await Assertions.Expect(toggle).ToHaveTextAsync("Disable");
        await toggle.ClickAsync();
        await admin.ClickAsync("[data-test=confirm-ok]");
        await Assertions.Expect(toggle).ToHaveTextAsync("Enable");

        await viewer.WaitForURLAsync("**/account/login**", WithinRevalidation);
        await Assertions.Expect(viewer.Locator("[data-test=login-email]")).ToBeVisibleAsync();
        // The admin's own session, revalidated on the same timer, is untouched.
        Assert.EndsWith("/members", admin.Url, StringComparison.Ordinal);
        await Assertions.Expect(admin.Locator("[data-test=members-table]")).ToBeVisibleAsync();

        // The account itself still works, but it no longer opens the merchant.
        await viewer.SignInAsync(email);
        await Assertions.Expect(viewer.Locator("[data-test=no-membership]")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("[data-test=merchant-summary]")).ToHaveCountAsync(0);
        await viewer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangeRole_OfSignedInOperator_EndsTheOperatorsOpenSession()
    {
        const string email = "operator@demo.local";
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(email);
        await Assertions.Expect(page.Locator("[data-test=merchant-summary]")).ToContainTextAsync("Operator");
        await page.WaitForInteractiveAsync();

        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var actor = await fixture.App.MemberAsync(merchant, "admin@demo.local");
        var target = await fixture.App.MemberAsync(merchant, email);
        var result = await fixture.App.Service<MemberAdministration>()
            .ChangeRoleAsync(merchant, TestActors.For(actor.UserId), target.MembershipId, MerchantRole.Viewer);
        Assert.True(result.Succeeded, result.Error);

        await page.WaitForURLAsync("**/account/login**", WithinRevalidation);

        await page.SignInAsync(email);
        await Assertions.Expect(page.Locator("[data-test=merchant-summary]")).ToContainTextAsync("Viewer");
        await page.Context.CloseAsync();
    }
}
