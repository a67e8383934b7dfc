using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PaymentsPortal.Components.Pages.Banking.Import;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Tests.Components.Webhooks;
using PaymentsPortal.Tests.Integration.Banking.Imports;
using PaymentsPortal.Tests.Support;
using PaymentsPortal.Tests.Unit.Banking.Statements;

namespace PaymentsPortal.Tests.Components.Banking.Import;

/// <summary>
/// The statement import dialog in bUnit over the real importer and PostgreSQL: a CSV's preview and mapping, a corrected sign
/// convention, the import and its result; an OFX summary; a malformed file's line-numbered problems; a file over the size limit.
/// </summary>
[Trait("Tier", "Component")]
public sealed class StatementImportDialogTests : IAsyncLifetime
{
    // Small enough to exceed in a test, large enough for every corpus file.
    private const long MaxFileBytes = 64 * 1024;

    private StatementImportTestBed bed = default!;
    private BunitContext context = default!;

    public async Task InitializeAsync()
    {
        bed = await StatementImportTestBed.StartAsync(services => services.AddSingleton(new StatementImportOptions { MaxFileBytes = MaxFileBytes }));
        context = MudBunit.Create(services => services.AddSingleton(bed.Importer));
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task UploadCsv_ShowsTheRowsAndMapping_ImportsWithTheCorrectedSign_AndShowsTheResult()
    {
        var account = await bed.AccountAsync();
        var (dialog, shown) = await OpenAsync(account);
        const string card = "Date,Description,Amount\n2026-02-01,Coffee,4.50\n2026-02-02,Refund,-10.00\n2026-02-03,Books,20.00\n";

        Upload(dialog, InputFileContent.CreateFromText(card, "card.csv"));

        dialog.WaitForRead(() => Assert.Equal(3, dialog.FindAll("[data-test=csv-preview-row]").Count));
        Assert.Equal(["2", "3", "4"], dialog.FindAll("[data-test=csv-preview-row]").Select(r => r.GetAttribute("data-line")));
        Assert.Equal(["date", "description", "amount"], dialog.FindAll("[data-test=csv-preview-header]").Select(h => h.GetAttribute("data-role")));
        Assert.Contains("card.csv · CSV · utf-8", dialog.Text("statement-file-info"), StringComparison.Ordinal);

        Assert.Equal(("Date", "Amount", "Description"), (dialog.Find("div[data-test=map-date]").TextContent, dialog.Find("div[data-test=map-amount]").TextContent, dialog.Find("input[data-test=map-description]").GetAttribute("value")));
        Assert.True(dialog.Find("[data-test=map-sign-in]").HasAttribute("checked"));

        dialog.Find("[data-test=map-sign-out]").Click();
        dialog.Find("[data-test=statement-import]").Click();

        dialog.WaitForRead(() => Assert.Equal("Added 3 of 3 transactions (2026-02-01 to 2026-02-03).", dialog.Text("statement-import-result")));
        Assert.Equal([-2000, -450, 1000], (await bed.TransactionsAsync(account.Id)).Select(t => t.AmountMinor).Order());
        Assert.True(dialog.Find("[data-test=statement-import]").HasAttribute("disabled"));
        dialog.Find("[data-test=statement-close]").Click();
        Assert.True(await shown.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task UploadOfx_ShowsItsSummaryAndTheAccountWarning_ThenImports()
    {
        var account = await bed.AccountAsync(mask: "4321");
        var (dialog, _) = await OpenAsync(account);

        Upload(dialog, InputFileContent.CreateFromBinary(StatementCorpus.Bytes("Good/checking-ofx102.ofx"), "checking.ofx"));

        dialog.WaitForRead(() => Assert.Equal("5", dialog.Text("ofx-line-count")));
        Assert.Equal(("2026-01-01 to 2026-01-31", "••6789 (checking)", "USD"), (dialog.Text("ofx-period"), dialog.Text("ofx-account"), dialog.Text("ofx-currency")));
        Assert.Contains("ends in 4321", dialog.Text("statement-warning"), StringComparison.Ordinal);
        Assert.Empty(dialog.FindAll("[data-test=csv-mapping]"));

        dialog.Find("[data-test=statement-import]").Click();

        dialog.WaitForRead(() => Assert.Equal("5", dialog.Find("[data-test=statement-import-result]").GetAttribute("data-added")));
        Assert.Equal(5, (await bed.TransactionsAsync(account.Id)).Count);
    }

    [Fact]
    public async Task ImportMalformedCsv_ListsTheProblemsWithTheirLines_AndStoresNothing()
    {
        var account = await bed.AccountAsync();
        var (dialog, shown) = await OpenAsync(account);

        Upload(dialog, InputFileContent.CreateFromBinary(StatementCorpus.Bytes("Malformed/bad-amount.csv"), "bad-amount.csv"));
        dialog.WaitForRead(() => Assert.Equal(10, dialog.FindAll("[data-test=csv-preview-row]").Count));
        dialog.Find("[data-test=statement-import]").Click();

        dialog.WaitForRead(() => Assert.Equal("Nothing was imported from bad-amount.csv:", dialog.Text("statement-problems-headline")));
        var problem = dialog.Find("[data-test=statement-problem]");
        Assert.Equal(("14", "Line 14: the amount 'abc' is not a number."), (problem.GetAttribute("data-line"), problem.TextContent.Trim()));
        Assert.Empty(dialog.FindAll("[data-test=statement-import-result]"));
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        dialog.Find("[data-test=statement-close]").Click();
        Assert.False(await shown.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ImportFileWithManyBadRows_ListsTheFirstAndSaysHowManyMore()
    {
        var account = await bed.AccountAsync();
        var (dialog, _) = await OpenAsync(account);
        var text = new StringBuilder("Date,Description,Amount\n");
        for (var day = 1; day <= 28; day++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-01-{day:00},Row,12.00\n2026-01-{day:00},Row,abc\n");
        }

        Upload(dialog, InputFileContent.CreateFromText(text.ToString(), "many.csv"));
        dialog.WaitForRead(() => Assert.NotEmpty(dialog.FindAll("[data-test=csv-preview-row]")));
        dialog.Find("[data-test=statement-import]").Click();

        dialog.WaitForRead(() => Assert.Equal(StatementProblemList.Shown, dialog.FindAll("[data-test=statement-problem]").Count));
        Assert.Equal("and 18 more", dialog.Text("statement-more-problems"));
        Assert.Equal("3", dialog.FindAll("[data-test=statement-problem]")[0].GetAttribute("data-line"));
    }

    [Fact]
    public async Task UploadUnreadableFile_ShowsWhy_AndOffersNoImport()
    {
        var account = await bed.AccountAsync();
        var (dialog, _) = await OpenAsync(account);

        Upload(dialog, InputFileContent.CreateFromBinary(StatementCorpus.Bytes("Malformed/html-login-page.csv"), "export.csv"));

        dialog.WaitForRead(() => Assert.Contains("web page", dialog.Text("statement-preview-problems"), StringComparison.Ordinal));
        Assert.True(dialog.Find("[data-test=statement-import]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task UploadFileOverTheLimit_IsRefusedBeforeReading()
    {
        var account = await bed.AccountAsync();
        var (dialog, _) = await OpenAsync(account);
        Assert.Contains("of at most 64 KB", dialog.Find("[data-test=statement-import-dialog]").TextContent, StringComparison.Ordinal);

        Upload(dialog, InputFileContent.CreateFromText("Date,Description,Amount\n" + new string('x', (int)MaxFileBytes), "huge.csv"));

        dialog.WaitForRead(() => Assert.Equal(bed.Importer.FileTooLargeMessage, dialog.Text("statement-upload-error")));
        Assert.True(dialog.Find("[data-test=statement-import]").HasAttribute("disabled"));
        Assert.Empty(await bed.ImportsAsync(account.Id));
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> dialog, InputFileContent file) =>
        dialog.FindComponent<InputFile>().UploadFiles(file);

    private async Task<(IRenderedComponent<MudDialogProvider> Dialog, Task<bool> Shown)> OpenAsync(BankAccount account)
    {
        var provider = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        var row = new BankAccountRow(account, null, null, 0);
        Task<bool> shown = Task.FromResult(false);
        // A statement lambda: the Action overload returns once the dialog is shown, where a Func<Task> would wait for it to close.
        await provider.InvokeAsync(() => { shown = StatementImportDialog.ShowAsync(dialogs, row, bed.Admin); });
        provider.WaitForRead(() => Assert.NotNull(provider.Find("[data-test=statement-choose]")));
        return (provider, shown);
    }
}
