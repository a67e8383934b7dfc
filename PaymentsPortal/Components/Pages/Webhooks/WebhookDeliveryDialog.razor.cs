using Microsoft.AspNetCore.Components;
using MudBlazor;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>
/// One delivery with its body and attempts. Resend queues it again (a replay, retried like any delivery if the receiver is still
/// down); while it is Pending the dialog reads it again by itself, so the new attempt shows up as it is recorded.
/// </summary>
public sealed partial class WebhookDeliveryDialog : IDisposable
{
    private WebhookDeliveryDetail? detail;
    private WebhookRefreshLoop? refresh;
    private string? error;
    private bool loaded;
    private bool resending;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public UserAccess Access { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid DeliveryId { get; set; }

    [Inject]
    private WebhookDeliveryQueries Queries { get; set; } = default!;

    [Inject]
    private WebhookDeliveryActions Actions { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            refresh = WebhookRefreshLoop.Start(() => InvokeAsync(RefreshPendingAsync), DispatchExceptionAsync);
        }
    }

    private async Task LoadAsync()
    {
        // Scoped to the merchant in use: another merchant's delivery id reads as not found.
        detail = Access.Current is { } merchant ? await Queries.DeliveryAsync(merchant.MerchantId, DeliveryId) : null;
        loaded = true;
    }

    private async Task RefreshPendingAsync()
    {
        if (detail?.Delivery.Status == WebhookDeliveryStatus.Pending)
        {
            await LoadAsync();
            StateHasChanged();
        }
    }

    private async Task ResendAsync()
    {
        if (resending || Access.Current is not { } merchant)
        {
            return;
        }

        resending = true;
        error = null;
        try
        {
            var result = await Actions.ReplayAsync(merchant.MerchantId, Access.AsActor(), DeliveryId);
            if (result.Succeeded)
            {
                Snackbar.Add("The delivery is sent again; its new attempt shows here.", Severity.Success);
            }
            else
            {
                error = result.Error;
            }

            await LoadAsync();
        }
        finally
        {
            resending = false;
        }
    }

    public void Dispose() => refresh?.Dispose();

    /// <summary>Opens a delivery of the merchant in use and returns once the Admin closes it.</summary>
    public static async Task ShowAsync(IDialogService dialogs, UserAccess access, Guid deliveryId)
    {
        var parameters = new DialogParameters<WebhookDeliveryDialog> { { d => d.Access, access }, { d => d.DeliveryId, deliveryId } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true };
        var dialog = await dialogs.ShowAsync<WebhookDeliveryDialog>("Delivery", parameters, options);
        await dialog.Result;
    }
}
