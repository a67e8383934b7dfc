using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using PaymentsPortal.Components.Shared;
using PaymentsPortal.Core.Payments.Links;
using PaymentsPortal.Core.Payments.Live;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.PaymentLinks;

/// <summary>
/// Staff's list of the merchant's payment links, newest first, with how often each was used and what it is now. A payment
/// through any link of the merchant refreshes the list, so a link shows as used up while the customer is still on its page.
/// </summary>
public sealed partial class PaymentLinksPage : IAsyncDisposable
{
    private const int PageSize = 50;

    private List<PaymentLinkRow> rows = [];
    private PaymentLinkCursor? next;
    private PaymentLinkRow? created;
    private LivePaymentChanges? live;
    private IJSObjectReference? clipboard;
    private bool loaded;
    private bool loadingMore;

    [Inject]
    private PaymentLinkQueries Queries { get; set; } = default!;

    [Inject]
    private Core.Payments.Links.PaymentLinks Links { get; set; } = default!;

    [Inject]
    private PaymentChangeFeed Feed { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            live = new LivePaymentChanges(Feed, () => Access.Current?.MerchantId, () => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }));
        }
    }

    // Reads again as many links as are shown, so a refresh neither drops the older pages loaded nor adds new ones below.
    private async Task ReloadAsync()
    {
        var page = await Queries.ListAsync(Access, null, Math.Max(rows.Count, PageSize));
        rows = [.. page.Rows];
        next = page.Next;
        loaded = true;
    }

    private async Task LoadMoreAsync()
    {
        if (loadingMore || next is not { } after)
        {
            return;
        }

        loadingMore = true;
        try
        {
            var page = await Queries.ListAsync(Access, after, PageSize);
            rows.AddRange(page.Rows);
            next = page.Next;
        }
        finally
        {
            loadingMore = false;
        }
    }

    private async Task CreateAsync()
    {
        if (await CreatePaymentLinkDialog.AskAsync(Dialogs, Access) is { } link)
        {
            created = link;
            await ReloadAsync();
        }
    }

    private async Task DeactivateAsync(PaymentLinkRow link)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Deactivate payment link",
                $"Nobody will be able to pay \"{link.Description}\" through this link any more. Payments already made stay as they are.", "Deactivate"))
        {
            return;
        }

        var result = await Links.DeactivateAsync(Access, link.Id);
        if (result.Succeeded)
        {
            Snackbar.Add("The link is deactivated.", Severity.Success);
        }
        else
        {
            Snackbar.Add(result.Error ?? "The link could not be deactivated.", Severity.Error);
        }

        await ReloadAsync();
    }

    private Task ShowPaymentsAsync(PaymentLinkRow link) => PaymentLinkPaymentsDialog.ShowAsync(Dialogs, link, Access);

    private async Task CopyAsync(PaymentLinkRow link)
    {
        clipboard ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/clipboard.js");
        var copied = await clipboard.InvokeAsync<bool>("copy", UrlOf(link));
        Snackbar.Add(copied ? "Link copied." : "The browser did not allow copying; select the address and copy it.", copied ? Severity.Info : Severity.Warning);
    }

    private string UrlOf(PaymentLinkRow link) => Navigation.ToAbsoluteUri(link.PublicPath).ToString();

    private static string UsesOf(PaymentLinkRow link) => link.MaxUses is { } max
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{link.Uses} of {max}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{link.Uses} (no limit)");

    public async ValueTask DisposeAsync()
    {
        live?.Dispose();
        try
        {
            if (clipboard is not null)
            {
                await clipboard.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone; so is the module.
        }
    }
}
