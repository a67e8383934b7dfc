using Microsoft.Playwright;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Banking;

/// <summary>
/// A bank Plaid does not reach, in a real browser: the Admin adds the account, uploads a bank's CSV export, checks the proposed
/// column mapping against the preview, imports it, and importing the same file again adds nothing. The account's page then lists
/// what was imported, and a search there lands in the URL.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class StatementImportBrowserTests(BrowserFixture browser, PortalAppFixture fixture) : IClassFixture<PortalAppFixture>
{
    private static readonly string UsBankCsv = Path.Combine(AppContext.BaseDirectory, "Unit", "Banking", "Statements", "Corpus", "Good", "us-bank-debit-credit.csv");

    [Fact]
    public async Task Admin_AddsAStatementAccount_ImportsACsvExport_AndTheSameFileAgainAddsNothing()
    {
        var page = await browser.NewPageAsync(fixture);
        await page.SignInAsync("admin@demo.local");
        await page.GotoAsync("/banking");
        await page.WaitForInteractiveAsync();

        await page.ClickAsync("[data-test=bank-add-statement-account]");
        await page.FillAsync("[data-test=statement-account-name]", "Credit union checking");
        await page.FillAsync("[data-test=statement-account-mask]", "4321");
        await page.ClickAsync("[data-test=statement-account-save]");
        var row = page.Locator("[data-test=bank-accounts-table] tr", new() { Has = page.Locator("[data-test=bank-account-name]", new() { HasTextString = "Credit union checking ••4321" }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await ImportAsync(page, row);
        var result = page.Locator("[data-test=statement-import-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-added", "6");
        await Assertions.Expect(result).ToContainTextAsync("Added 6 of 6 transactions (2026-01-02 to 2026-01-20).");
        await page.ClickAsync("[data-test=statement-close]");
        await Assertions.Expect(row.Locator("td").Nth(5)).ToContainTextAsync("last import");

        await ImportAsync(page, row);
        await Assertions.Expect(result).ToHaveAttributeAsync("data-added", "0");
        await Assertions.Expect(result).ToContainTextAsync("nothing new");
        await page.ClickAsync("[data-test=statement-close]");

        await row.Locator("[data-test=bank-account-name]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=bank-account-page]")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.Locator("[data-test=bank-transaction-row]")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-test=bank-total-net]")).ToHaveTextAsync("Net 1,247.95 USD");
        await page.FillAsync("[data-test=bank-text]", "starbucks");
        await page.ClickAsync("[data-test=bank-apply]");
        await Assertions.Expect(page.Locator("[data-test=bank-transaction-row]")).ToHaveCountAsync(2);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q=starbucks"));
        await Assertions.Expect(page.Locator("[data-test=bank-total-out]")).ToHaveTextAsync("Out -10.00 USD");
        await page.Context.CloseAsync();
    }

    private static async Task ImportAsync(IPage page, ILocator row)
    {
        await row.Locator("[data-test=bank-import]").ClickAsync();
        await page.Locator("[data-test=statement-import-dialog] input[type=file]").SetInputFilesAsync(UsBankCsv);
        await Assertions.Expect(page.Locator("[data-test=statement-file-info]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-test=statement-import]");
    }
}
