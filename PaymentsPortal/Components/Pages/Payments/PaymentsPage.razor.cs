using System.Globalization;
using Microsoft.AspNetCore.Components;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Components.Shared;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Payments;

/// <summary>
/// The payments list. Everything that shapes it comes from the URL; the page only turns the URL into a search and user
/// actions into a new URL, so reloading or sharing the address shows the same payments.
/// </summary>
public sealed partial class PaymentsPage : IDisposable
{
    private LivePaymentChanges? live;

    private PaymentListQuery? query;
    private PaymentListCriteria criteria = PaymentListQuery.None.Read();
    private PaymentPage? page;

    [Inject]
    private PaymentSearch Search { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private PaymentsPortal.Core.Payments.Live.PaymentChangeFeed Feed { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    [SupplyParameterFromQuery(Name = "status")]
    public string[]? Status { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "min")]
    public string? Min { get; set; }

    [SupplyParameterFromQuery(Name = "max")]
    public string? Max { get; set; }

    [SupplyParameterFromQuery(Name = "currency")]
    public string? Currency { get; set; }

    [SupplyParameterFromQuery(Name = "gateway")]
    public string? Gateway { get; set; }

    [SupplyParameterFromQuery(Name = "card")]
    public string? Card { get; set; }

    [SupplyParameterFromQuery(Name = "email")]
    public string? Email { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "size")]
    public string? Size { get; set; }

    [SupplyParameterFromQuery(Name = "after")]
    public string? After { get; set; }

    [SupplyParameterFromQuery(Name = "before")]
    public string? Before { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var asked = new PaymentListQuery
        {
            Statuses = Status ?? [], From = From, To = To, MinAmount = Min, MaxAmount = Max, CurrencyCode = Currency, Gateway = Gateway,
            CardLast4 = Card, Email = Email, Text = Text, Sort = Sort, Size = Size, After = After, Before = Before,
        };

        // Prerendering would search a second time; the interactive render searches once. Other re-renders (the access
        // being refreshed) change nothing in the URL and search nothing.
        if (!RendererInfo.IsInteractive || asked == query || Access.Current is not { } merchant)
        {
            return;
        }

        query = asked;
        criteria = asked.Read();
        page = null;
        if (criteria.Problems.Count == 0)
        {
            var found = await Search.PageAsync(merchant.MerchantId, criteria.Filter, criteria.Sort, criteria.Size, criteria.After, criteria.Before);
            // A click on Next while this page was being read has asked for another one since: that one is shown, not this.
            if (query == asked)
            {
                page = found;
            }
        }

        // A payment changed here or on another instance: the same page is searched again, so a row's status moves in place
        // and a new payment appears on the first page without a manual refresh.
        live ??= new LivePaymentChanges(Feed, () => Access.Current?.MerchantId, () => InvokeAsync(RefreshAsync));
    }

    private async Task RefreshAsync()
    {
        if (Access.Current is { } merchant && criteria.Problems.Count == 0)
        {
            page = await Search.PageAsync(merchant.MerchantId, criteria.Filter, criteria.Sort, criteria.Size, criteria.After, criteria.Before);
            StateHasChanged();
        }
    }

    public void Dispose() => live?.Dispose();

    private void ApplyFilter(PaymentListQuery filter) => Go((query ?? PaymentListQuery.None).WithFilterOf(filter));

    private void ChangeSort(PaymentSort sort) => Go((query ?? PaymentListQuery.None).FirstPage() with { Sort = PaymentListQuery.NameOf(sort) });

    private void ChangeSize(int size) =>
        Go((query ?? PaymentListQuery.None).FirstPage() with { Size = size == PaymentListQuery.DefaultSize ? null : size.ToString(CultureInfo.InvariantCulture) });

    private void NextPage() => Go((query ?? PaymentListQuery.None) with { After = page?.Next?.ToString(), Before = null });

    private void PreviousPage() => Go((query ?? PaymentListQuery.None) with { After = null, Before = page?.Previous?.ToString() });

    private void Go(PaymentListQuery next) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToParameters()));

    private static string Describe(PaymentSort sort) => sort switch
    {
        PaymentSort.NewestFirst => "Newest first",
        PaymentSort.OldestFirst => "Oldest first",
        PaymentSort.LargestFirst => "Largest amount first",
        PaymentSort.SmallestFirst => "Smallest amount first",
        _ => sort.ToString(),
    };
}
