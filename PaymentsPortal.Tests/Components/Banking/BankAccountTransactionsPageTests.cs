using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Components.Pages.Banking.Transactions;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Banking.Accounts;
using PaymentsPortal.Core.Banking.Transactions.Browsing;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Downloads;
using PaymentsPortal.Tests.Components.Webhooks;
using PaymentsPortal.Tests.Integration.Banking;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Banking;

/// <summary>An account's transactions page over the real queries and PostgreSQL: the filter comes from the URL and a search writes it there.</summary>
[Trait("Tier", "Component")]
public sealed class BankAccountTransactionsPageTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private CoreHost core = default!;
    private BunitContext context = default!;
    private Guid coffee;
    private BankTestData data = default!;
    private BankAccount account = default!;

    private NavigationManager Navigation => context.Services.GetRequiredService<NavigationManager>();

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync(clock: clock);
        context = MudBunit.Create(services => services
            .AddSingleton(core.Service<BankTransactionQueries>())
            // The system clock: Data Protection checks a ticket's expiry against real time, not the test's manual clock.
            .AddSingleton(new DownloadTickets(new EphemeralDataProtectionProvider(), TimeProvider.System)));
        coffee = await core.MerchantIdAsync(DemoData.DemoCoffee);
        data = new BankTestData(core, coffee, clock);
        account = await data.AccountAsync("Operating account");
        await data.DepositAsync(account, 50_000, Today, "STRIPE TRANSFER");
        await data.DepositAsync(account, -12_345, Today.AddDays(-1), "RENT");
        await data.DepositAsync(account, 20_000, Today.AddDays(-2), "BRAINTREE DISBURSEMENT");
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await core.DisposeAsync();
    }

    [Fact]
    public void Opened_ShowsTheAccountItsTransactionsAndTheirTotals()
    {
        var page = Open($"/banking/accounts/{account.Id}");

        page.WaitForRead(() => Assert.Equal(3, page.FindAll("[data-test=bank-transaction-row]").Count));
        Assert.Equal("Operating account ••4321", page.Text("bank-account-title"));
        Assert.Equal(["STRIPE TRANSFER", "RENT", "BRAINTREE DISBURSEMENT"], Descriptions(page));
        Assert.Equal("In 700.00 USD", page.Text("bank-total-in"));
        Assert.Equal("Out -123.45 USD", page.Text("bank-total-out"));
        Assert.Equal("Net 576.55 USD", page.Text("bank-total-net"));
    }

    [Fact]
    public void FilterInTheUrl_IsApplied_AndASearchWritesTheNewOneThere()
    {
        var page = Open($"/banking/accounts/{account.Id}?dir=in&q=stripe");
        page.WaitForRead(() => Assert.Equal(["STRIPE TRANSFER"], Descriptions(page)));
        Assert.Equal("1 transaction(s)", page.Text("bank-total-count"));

        page.Find("[data-test=bank-clear]").Click();

        page.WaitForRead(() => Assert.Equal(3, Descriptions(page).Count));
        Assert.DoesNotContain("q=", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_HandsTheBrowserATicketForThisAccountAndFilter()
    {
        var downloads = context.JSInterop.SetupModule("./js/download.js");
        downloads.SetupVoid("download", _ => true);
        var page = Open($"/banking/accounts/{account.Id}?dir=out");
        page.WaitForRead(() => Assert.Equal(["RENT"], Descriptions(page)));

        page.Find("[data-test=bank-export]").Click();

        page.WaitForRead(() => Assert.Single(downloads.Invocations["download"]));
        var url = (string)downloads.Invocations["download"][0].Arguments[0]!;
        Assert.StartsWith("/banking/accounts/export/", url, StringComparison.Ordinal);
        var ticket = context.Services.GetRequiredService<DownloadTickets>().Redeem<BankTransactionExportTicket>(Uri.UnescapeDataString(url["/banking/accounts/export/".Length..]));
        Assert.Equal((account.Id, coffee, BankTransactionDirection.Out), (ticket!.AccountId, ticket.MerchantId, ticket.Filter.Direction));
    }

    [Fact]
    public void StartAfterEnd_SaysSoAndListsNothing()
    {
        var page = Open($"/banking/accounts/{account.Id}?from=2026-11-20&to=2026-11-01");

        page.WaitForRead(() => Assert.Equal("The start date is after the end date.", page.Text("bank-filter-problem")));
        Assert.Empty(page.FindAll("[data-test=bank-transaction-row]"));
    }

    [Fact]
    public void HandEditedUrl_WithValuesItCannotRead_ShowsEverythingRatherThanFailing()
    {
        var page = Open($"/banking/accounts/{account.Id}?withdrawn=yes&dir=sideways&from=yesterday");

        page.WaitForRead(() => Assert.Equal(3, Descriptions(page).Count));
    }

    [Fact]
    public void UnknownAccount_SaysSo()
    {
        var page = Open($"/banking/accounts/{Guid.NewGuid()}");

        page.WaitForRead(() => Assert.Contains("has no bank account with this address", page.Text("bank-account-not-found"), StringComparison.Ordinal));
    }

    private IRenderedComponent<BankAccountTransactionsPage> Open(string url)
    {
        Navigation.NavigateTo(url);
        var id = Guid.Parse(url.Split('/')[3].Split('?')[0]);
        var membership = new MerchantAccess(coffee, DemoData.DemoCoffee, MerchantRole.Operator);
        var access = new UserAccess(Guid.NewGuid(), "Demo operator", false, false, false, [membership], membership);
        return context.Render<BankAccountTransactionsPage>(p => p.AddCascadingValue(access).Add(x => x.AccountId, id));
    }

    private static List<string> Descriptions(IRenderedComponent<BankAccountTransactionsPage> page) =>
        [.. page.FindAll("[data-test=bank-transaction-description]").Select(e => e.TextContent.Trim())];
}
