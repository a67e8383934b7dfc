using Microsoft.Playwright;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Members;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Members;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class MembersPageTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    private const string NewPassword = "Fresh-Passw0rd!42";

    [Fact]
    public async Task AddMember_NewEmail_ShowsOneTimePasswordThatMustBeChangedAtFirstSignIn()
    {
        var email = $"new-{Guid.NewGuid():N}"[..16] + "@demo.local";
        var admin = await browser.NewPageAsync(fixture);
        await admin.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/members");
        await admin.WaitForInteractiveAsync();

        await admin.FillAsync("[data-test=add-member-email]", email);
        await admin.FillAsync("[data-test=add-member-name]", "Nina New");
        await admin.Locator("[data-test=add-member-role]").Filter(new() { Visible = true }).ClickAsync();
        await admin.ClickAsync("[data-test=add-member-role-option][data-role=Compliance]");
        await admin.ClickAsync("[data-test=add-member-submit]");

        await Assertions.Expect(admin.Locator("[data-test=add-member-result]")).ToContainTextAsync(email);
        var oneTimePassword = (await admin.Locator("[data-test=one-time-password]").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(oneTimePassword));
        await Assertions.Expect(admin.Locator("[data-test=member-email]", new() { HasTextString = email })).ToBeVisibleAsync();

        var member = await browser.NewPageAsync(fixture);
        // Signing in with a one-time password leads straight to the password page, and so does any other page.
        await member.SubmitSignInAsync(email, oneTimePassword);
        await member.WaitForURLAsync("**/account/manage/password");
        await member.GotoAsync("/");
        await member.WaitForInteractiveAsync();
        await Assertions.Expect(member.Locator("[data-test=must-change-password]")).ToBeVisibleAsync();
        await member.GotoAsync("/members");
        await member.WaitForURLAsync("**/account/manage/password");
        await Assertions.Expect(member.Locator("[data-test=one-time-password-notice]")).ToBeVisibleAsync();

        await member.ChangePasswordAsync(oneTimePassword, NewPassword);
        await member.WaitForInteractiveAsync();
        Assert.Equal(new Uri(fixture.App.BaseAddress, "/"), new Uri(member.Url));
        await Assertions.Expect(member.Locator("[data-test=must-change-password]")).ToHaveCountAsync(0);
        await Assertions.Expect(member.Locator("[data-test=merchant-summary]")).ToContainTextAsync("Compliance");
        await member.GotoAsync("/members");
        await member.WaitForInteractiveAsync();
        await Assertions.Expect(member.Locator("[data-test=members-table]")).ToBeVisibleAsync();

        // The one-time password is spent.
        await member.SignOutThroughMenuAsync();
        await member.SubmitSignInAsync(email, oneTimePassword);
        await Assertions.Expect(member.Locator("[data-test=login-error]")).ToBeVisibleAsync();
        await member.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task DisableMember_ConfirmationCancelled_MemberStaysActive()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/members");
        await page.WaitForInteractiveAsync();

        await page.ClickAsync("[data-test=member-toggle][data-email='support@demo.local']");
        await Assertions.Expect(page.Locator("[data-test=confirm-dialog]")).ToContainTextAsync("support@demo.local");
        await page.ClickAsync("[data-test=confirm-cancel]");

        await Assertions.Expect(page.Locator("[data-test=confirm-dialog]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=member-toggle][data-email='support@demo.local']")).ToHaveTextAsync("Disable");
        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        Assert.False((await fixture.App.MemberAsync(merchant, "support@demo.local")).IsDisabled);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MembersPage_Admin_HasNoToggleOnOwnRow()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/members");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=member-email]", new() { HasTextString = "admin@demo.local" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=member-toggle][data-email='admin@demo.local']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=member-toggle][data-email='operator@demo.local']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=member-role-text]")).ToHaveTextAsync("Admin");

        var merchant = await fixture.App.MerchantIdAsync(DemoData.DemoCoffee);
        var self = await fixture.App.MemberAsync(merchant, "admin@demo.local");
        var result = await fixture.App.Service<MemberAdministration>().SetDisabledAsync(merchant, TestActors.For(self.UserId), self.MembershipId, true);
        Assert.False(result.Succeeded);
        Assert.False((await fixture.App.MemberAsync(merchant, "admin@demo.local")).IsDisabled);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangeRole_DemotingTheLastActiveAdmin_IsRefused()
    {
        var members = fixture.App.Service<MemberAdministration>();
        var merchant = await fixture.App.MerchantIdAsync(DemoData.Northwind);
        var second = await members.AddAsync(merchant, TestActors.Someone, $"second-{Guid.NewGuid():N}"[..19] + "@northwind.local", "Second Admin", MerchantRole.Admin);
        Assert.True(second.Succeeded, second.Error);
        var nora = await fixture.App.MemberAsync(merchant, "admin@northwind.local");
        var other = await fixture.App.MemberAsync(merchant, second.Value!.Email);

        // The second admin demotes Nora: allowed, one admin is left.
        Assert.True((await members.ChangeRoleAsync(merchant, TestActors.For(other.UserId), nora.MembershipId, MerchantRole.Viewer)).Succeeded);
        // Nora (now a viewer) cannot take the last admin away, neither by demoting nor by disabling.
        var demote = await members.ChangeRoleAsync(merchant, TestActors.For(nora.UserId), other.MembershipId, MerchantRole.Operator);
        var disable = await members.SetDisabledAsync(merchant, TestActors.For(nora.UserId), other.MembershipId, true);
        Assert.False(demote.Succeeded);
        Assert.False(disable.Succeeded);
        Assert.Contains("at least one active admin", demote.Error, StringComparison.Ordinal);

        var rows = await members.ListAsync(merchant);
        Assert.Single(rows, r => r is { Role: MerchantRole.Admin, IsDisabled: false });

        // Nora's browser sees the result: she is a viewer now and the members page is closed to her.
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@northwind.local");
        await Assertions.Expect(page.Locator("[data-test=merchant-summary]")).ToContainTextAsync("Viewer");
        await page.GotoAsync("/members");
        await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
