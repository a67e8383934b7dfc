using Microsoft.Playwright;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Platform;

[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class MerchantsPageTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task CreateRenameSuspend_NewMerchant_ItsAdminCanNoLongerOpenIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"Tea House {suffix}";
        var renamed = $"Tea Palace {suffix}";
        var adminEmail = $"owner-{suffix}@tea.example";
        var platform = await OpenMerchantsPageAsync();

        await platform.FillAsync("[data-test=merchant-name-input]", name);
        await platform.FillAsync("[data-test=merchant-admin-email]", adminEmail);
        await platform.FillAsync("[data-test=merchant-admin-name]", "Tess Tea");
        await platform.ClickAsync("[data-test=create-merchant-submit]");
        await Assertions.Expect(platform.Locator("[data-test=create-merchant-result]")).ToContainTextAsync(adminEmail);
        var oneTimePassword = (await platform.Locator("[data-test=one-time-password]").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(oneTimePassword));
        await Assertions.Expect(platform.Locator("[data-test=merchant-name]", new() { HasTextString = name })).ToBeVisibleAsync();

        await platform.ClickAsync($"[data-test=rename][data-merchant='{name}']");
        await platform.FillAsync("[data-test=rename-input]", renamed);
        await platform.ClickAsync("[data-test=rename-save]");
        await Assertions.Expect(platform.Locator("[data-test=merchant-name]", new() { HasTextString = renamed })).ToBeVisibleAsync();
        await Assertions.Expect(platform.Locator("[data-test=merchant-name]", new() { HasTextString = name })).ToHaveCountAsync(0);

        // Before suspension the new admin opens the merchant (after replacing the one-time password).
        var owner = await browser.NewPageAsync(fixture);
        await owner.SubmitSignInAsync(adminEmail, oneTimePassword);
        await owner.WaitForURLAsync("**/account/manage/password");
        await owner.ChangePasswordAsync(oneTimePassword, "Tea-Passw0rd!" + suffix);
        await owner.WaitForInteractiveAsync();
        await Assertions.Expect(owner.Locator("[data-test=home-title]")).ToContainTextAsync(renamed);
        await owner.SignOutThroughMenuAsync();

        await platform.ClickAsync($"[data-test=suspend][data-merchant='{renamed}']");
        await platform.ClickAsync("[data-test=confirm-ok]");
        await Assertions.Expect(platform.Locator($"[data-test=reactivate][data-merchant='{renamed}']")).ToBeVisibleAsync();
        var row = platform.Locator("tr", new() { Has = platform.Locator("[data-test=merchant-name]", new() { HasTextString = renamed }) });
        await Assertions.Expect(row.Locator("[data-test=merchant-status]")).ToHaveTextAsync(nameof(MerchantStatus.Suspended));

        await owner.SignInAsync(adminEmail, "Tea-Passw0rd!" + suffix);
        await Assertions.Expect(owner.Locator("[data-test=no-membership]")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("[data-test=home-title]")).Not.ToContainTextAsync(renamed);
        await owner.GotoAsync("/members");
        await Assertions.Expect(owner.Locator("[data-test=access-denied]")).ToBeVisibleAsync();
        await owner.Context.CloseAsync();
        await platform.Context.CloseAsync();
    }

    [Fact]
    public async Task CreateMerchant_NameAlreadyTaken_ShowsErrorAndCreatesNothing()
    {
        var platform = await OpenMerchantsPageAsync();
        var before = await platform.Locator("[data-test=merchant-name]").CountAsync();

        await platform.FillAsync("[data-test=merchant-name-input]", DemoData.Northwind.ToUpperInvariant());
        await platform.FillAsync("[data-test=merchant-admin-email]", "someone@northwind.example");
        await platform.ClickAsync("[data-test=create-merchant-submit]");

        await Assertions.Expect(platform.Locator("[data-test=create-merchant-error]")).ToContainTextAsync("already exists");
        await Assertions.Expect(platform.Locator("[data-test=create-merchant-result]")).ToHaveCountAsync(0);
        await Assertions.Expect(platform.Locator("[data-test=merchant-name]")).ToHaveCountAsync(before);
        await platform.Context.CloseAsync();
    }

    private async Task<IPage> OpenMerchantsPageAsync()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync(DemoData.PlatformAdminEmail);
        await page.GotoAsync("/platform/merchants");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-test=merchants-table]")).ToBeVisibleAsync();
        return page;
    }
}
