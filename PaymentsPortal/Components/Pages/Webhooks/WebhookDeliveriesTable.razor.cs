using Microsoft.AspNetCore.Components;
using MudBlazor;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>
/// Pages through an endpoint's deliveries with the keyset query: each page starts after the last row of the one before, so
/// paging stays as fast on the thousandth page as on the first. The starts of the pages visited are kept to go back.
/// </summary>
public sealed partial class WebhookDeliveriesTable : IDisposable
{
    // The first page starts at the newest delivery (no row before it).
    private List<WebhookDeliveryRow?> pageStarts = [null];
    private WebhookDeliveryPage? page;
    private WebhookDeliveryStatus? status;
    private (Guid Merchant, Guid Endpoint)? readFor;
    private WebhookRefreshLoop? refresh;

    [Parameter, EditorRequired]
    public UserAccess Access { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid EndpointId { get; set; }

    /// <summary>Raised when a delivery moved on, so the page reads the endpoint's health and counts again.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private WebhookDeliveryQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool HasPending => page?.Rows.Any(r => r.Status == WebhookDeliveryStatus.Pending) == true;

    protected override async Task OnParametersSetAsync()
    {
        if (Access.Current is not { } merchant || readFor == (merchant.MerchantId, EndpointId))
        {
            return;
        }

        readFor = (merchant.MerchantId, EndpointId);
        await ShowNewestAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            refresh = WebhookRefreshLoop.Start(() => InvokeAsync(RefreshPendingAsync), DispatchExceptionAsync);
        }
    }

    /// <summary>Back to the first page, where a delivery just made appears.</summary>
    public async Task ShowNewestAsync()
    {
        pageStarts = [null];
        await LoadAsync();
    }

    /// <summary>Reads the page in view again, and tells the page the endpoint may have changed too.</summary>
    public async Task RefreshAsync()
    {
        await LoadAsync();
        await OnChanged.InvokeAsync();
    }

    private async Task RefreshPendingAsync()
    {
        if (!HasPending)
        {
            return;
        }

        var before = page!.Rows;
        await LoadAsync();
        StateHasChanged();
        if (!before.SequenceEqual(page.Rows))
        {
            await OnChanged.InvokeAsync();
        }
    }

    private async Task LoadAsync()
    {
        if (Access.Current is { } merchant)
        {
            page = await Queries.DeliveriesAsync(merchant.MerchantId, EndpointId, status, pageStarts[^1]);
        }
    }

    private async Task FilterAsync(WebhookDeliveryStatus? chosen)
    {
        status = chosen;
        await ShowNewestAsync();
    }

    private async Task OlderAsync()
    {
        if (page is { HasMore: true, Rows.Count: > 0 })
        {
            pageStarts.Add(page.Rows[^1]);
            await LoadAsync();
        }
    }

    private async Task NewerAsync()
    {
        if (pageStarts.Count > 1)
        {
            pageStarts.RemoveAt(pageStarts.Count - 1);
            await LoadAsync();
        }
    }

    private async Task OpenAsync(TableRowClickEventArgs<WebhookDeliveryRow> click)
    {
        if (click.Item is not { } row)
        {
            return;
        }

        await WebhookDeliveryDialog.ShowAsync(Dialogs, Access, row.Id);
        // A resend from the dialog changed the delivery; the row shows it as it is now.
        await RefreshAsync();
    }

    public void Dispose() => refresh?.Dispose();
}
