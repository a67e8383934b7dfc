using Microsoft.Playwright;
using PaymentsPortal.Components.Layout;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Access;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class NavigationByRoleTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    public static TheoryData<string, string[]> DemoUsers => new()
    {
        { "admin@demo.local", ["Home", "Payments", "Virtual terminal", "Payment links", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Refund approvals", "Members", "Gateways", "Refund settings", "Webhooks", "Sandbox faults", "Audit trail", "Access grants", "Temporary access", "Permissions", "My account"] },
        { "operator@demo.local", ["Home", "Payments", "Virtual terminal", "Payment links", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Temporary access", "My account"] },
        { "support@demo.local", ["Home", "Payments", "Disputes", "Payouts", "Temporary access", "My account"] },
        { "compliance@demo.local", ["Home", "Payments", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Members", "Gateways", "Audit trail", "Access grants", "Temporary access", "Permissions", "My account"] },
        { "viewer@demo.local", ["Home", "Payments", "Disputes", "Payouts", "Temporary access", "My account"] },
        { "admin@northwind.local", ["Home", "Payments", "Virtual terminal", "Payment links", "Disputes", "Payouts", "Bank accounts", "Reconciliation", "Refund approvals", "Members", "Gateways", "Refund settings", "Webhooks", "Sandbox faults", "Audit trail", "Access grants", "Temporary access", "Permissions", "My account"] },
        { "platform@demo.local", ["Home", "Merchants", "Users", "Platform audit", "Jobs", "Permissions", "My account"] },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task SignIn_DemoUser_SeesExactlyTheNavigationItsPermissionsAllow(string email, string[] expected)
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync(email);

        Assert.Equal(expected, await page.NavigationEntriesAsync());
        Assert.Equal(ExpectedFromMatrix(email), expected);
        await Assertions.Expect(page.Locator("[data-test=sandbox-badge]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_OpensAdminPagesByUrl_IsDenied()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("viewer@demo.local");

        foreach (var path in new[] { "/members", "/permissions", "/platform/merchants" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.EndsWith("/access-denied?ReturnUrl=" + Uri.EscapeDataString(path), page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=members-table]")).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Anonymous_OpensAnyPage_IsSentToSignIn()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/members");

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_SwitchesMerchantInTheAppBar_SeesTheOtherMerchant()
    {
        // admin@demo.local gets a second membership so the switcher appears.
        var members = fixture.App.Service<PaymentsPortal.Core.Members.MemberAdministration>();
        var northwind = await MerchantIdAsync(DemoData.Northwind);
        var added = await members.AddAsync(northwind, TestActors.Someone, "operator@demo.local", "", MerchantRole.Viewer);
        Assert.True(added.Succeeded, added.Error);

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.SignInAsync("operator@demo.local");
        await Assertions.Expect(page.Locator("[data-test=current-merchant]")).ToContainTextAsync(DemoData.DemoCoffee);

        await page.ClickAsync("[data-test=current-merchant]");
        await page.ClickAsync($"[data-test=switch-merchant][data-merchant='{DemoData.Northwind}']");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=current-merchant]")).ToContainTextAsync(DemoData.Northwind);
        await Assertions.Expect(page.Locator("[data-test=home-title]")).ToContainTextAsync(DemoData.Northwind);
        await page.Context.CloseAsync();
    }

    private async Task<Guid> MerchantIdAsync(string name) =>
        (await fixture.App.Service<PaymentsPortal.Core.Merchants.MerchantAdministration>().ListAsync()).Single(m => m.Name == name).Id;

    private static string[] ExpectedFromMatrix(string email)
    {
        var account = DemoData.Accounts.Single(a => a.Email == email);
        return [.. NavigationItems.All
            .Where(i => account.Role is { } role ? PermissionMatrix.Grants(role, i.Permission) : PermissionMatrix.GrantsPlatformAdmin(i.Permission))
            .Select(i => i.Title)];
    }
}
