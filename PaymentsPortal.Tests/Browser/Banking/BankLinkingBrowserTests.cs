using Microsoft.Playwright;
using PaymentsPortal.Sandbox.Plaid;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Banking;

/// <summary>
/// Linking a bank in Sandbox mode, in a real browser: the Admin opens Plaid Link (the simulator's stand-in, served by the app under
/// its own Content-Security-Policy), signs in to the test bank, and the portal shows the bank and its accounts. An OAuth bank sends
/// the browser away and back; the return page resumes Link and finishes.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class BankLinkingBrowserTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task Admin_LinksABankThroughLink_SeesTheBankAndItsMaskedAccounts()
    {
        var page = await OpenBankAccountsAsync();
        var blocked = CollectPolicyViolations(page);

        await page.ClickAsync("[data-test=bank-link]");
        var link = page.FrameLocator("[data-test=plaid-link-frame]");
        await link.Locator("[data-test=institution-" + PlaidInstitution.FirstPlatypusBank + "]").ClickAsync();
        await link.Locator("[data-test=link-submit-credentials]").ClickAsync();
        await link.Locator("[data-test=link-continue]").ClickAsync();

        var card = page.Locator("[data-test=bank-link-card]", new() { Has = page.Locator("[data-test=bank-link-name]", new() { HasTextString = "First Platypus Bank" }) });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.Locator("[data-test=bank-link-status]")).ToHaveTextAsync("Connected");
        await Assertions.Expect(page.Locator("[data-test=bank-account-name]", new() { HasTextString = "••0000" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=bank-account-name]", new() { HasTextString = "••1111" })).ToHaveCountAsync(1);
        Assert.DoesNotContain("access-sandbox", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(blocked);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_LinksAnOAuthBank_TheReturnPageResumesLinkAndFinishes()
    {
        var page = await OpenBankAccountsAsync();

        await page.ClickAsync("[data-test=bank-link]");
        var link = page.FrameLocator("[data-test=plaid-link-frame]");
        await link.Locator("[data-test=institution-" + PlaidInstitution.PlatypusOauthBank + "]").ClickAsync();
        await link.Locator("[data-test=link-oauth-continue]").ClickAsync();
        await page.WaitForURLAsync("**/banking/oauth-return?oauth_state_id=*");
        await page.WaitForInteractiveAsync();
        await link.Locator("[data-test=link-continue]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=oauth-return-message]")).ToHaveTextAsync("Platypus OAuth Bank is linked.");
        await page.ClickAsync("[data-test=oauth-return-back]");
        await Assertions.Expect(page.Locator("[data-test=bank-link-name]", new() { HasTextString = "Platypus OAuth Bank" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenBankAccountsAsync()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.ClickAsync("[data-test=nav-bank-accounts]");
        await page.WaitForURLAsync("**/banking");
        await page.WaitForInteractiveAsync();
        return page;
    }

    private static List<string> CollectPolicyViolations(IPage page)
    {
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        return blocked;
    }
}
