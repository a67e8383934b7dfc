using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PaymentsPortal.Core.Banking.Transactions.Browsing;
using PaymentsPortal.Components.Shared;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Downloads;

namespace PaymentsPortal.Components.Pages.Banking.Transactions;

/// <summary>
/// One bank account's transactions, newest first, with the payout each deposit was matched to. The filters live in the URL, so
/// a filtered view can be reloaded or sent to a colleague; the page turns the URL into a query and a search into a new URL.
/// </summary>
public sealed partial class BankAccountTransactionsPage : IAsyncDisposable
{
    private const int PageSize = 50;

    private readonly OlderPages<BankTransactionLine, BankTransactionCursor> lines;
    private BankAccountView? view;
    private BankTransactionFilter filter = new();
    private BankTransactionFilter? shownFilter;
    private Guid shownAccount;
    private BankTransactionTotals? totals;
    private bool loaded;
    private IJSObjectReference? downloads;

    public BankAccountTransactionsPage() =>
        lines = new(async after =>
        {
            var page = await Queries.ListAsync(Access, AccountId, filter, after, PageSize);
            return (page.Rows, page.Next);
        });

    [Inject]
    private BankTransactionQueries Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private DownloadTickets Tickets { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    [Parameter]
    public Guid AccountId { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "dir")]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    // Text, not bool: a hand-edited "withdrawn=yes" must not fail the page; only "true" turns it on.
    [SupplyParameterFromQuery(Name = "withdrawn")]
    public string? Withdrawn { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var asked = new BankTransactionFilter(Day(From), Day(To), Enum.TryParse<BankTransactionDirection>(Direction, true, out var way) ? way : BankTransactionDirection.Any, Text, string.Equals(Withdrawn, "true", StringComparison.OrdinalIgnoreCase));
        // Prerendering would read everything a second time; the interactive render reads once. A new search re-reads the lines and
        // totals, and the account only when it is another one.
        if (!RendererInfo.IsInteractive || (asked == shownFilter && AccountId == shownAccount))
        {
            return;
        }

        shownFilter = asked;
        filter = asked;
        if (AccountId != shownAccount || view is null)
        {
            shownAccount = AccountId;
            view = await Queries.AccountAsync(Access, AccountId);
        }

        loaded = true;
        lines.Clear();
        totals = null;
        if (view is null || filter.Problem is not null)
        {
            return;
        }

        totals = await Queries.TotalsAsync(Access, AccountId, filter);
        await lines.ReloadAsync();
    }

    // A file cannot come out of the circuit: it issues a short-lived ticket for this filter, and the browser fetches the CSV with it.
    private async Task ExportAsync()
    {
        if (Access.UserId is not { } userId || Access.Current is not { } merchant || filter.Problem is not null)
        {
            return;
        }

        var ticket = Tickets.Issue(new BankTransactionExportTicket(userId, merchant.MerchantId, AccountId, filter));
        downloads ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/download.js");
        await downloads.InvokeVoidAsync("download", "/banking/accounts/export/" + Uri.EscapeDataString(ticket));
    }

    public async ValueTask DisposeAsync()
    {
        if (downloads is not null)
        {
            try
            {
                await downloads.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the browser has already dropped the module.
            }
        }
    }

    private void Apply(BankTransactionFilter chosen) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["from"] = chosen.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = chosen.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dir"] = chosen.Direction == BankTransactionDirection.Any ? null : chosen.Direction.ToString().ToLowerInvariant(),
            ["q"] = chosen.Search,
            ["withdrawn"] = chosen.IncludeWithdrawn ? true : null,
        }));

    // A day the URL spells wrongly is dropped rather than guessed; the bar then shows the filter actually applied.
    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
