using Microsoft.AspNetCore.Components;
using MudBlazor;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>
/// The merchant's webhook endpoints with their health, and adding one. A new endpoint's signing secret is shown once, in a
/// dialog, straight from the use case's answer; the page itself never holds it.
/// </summary>
public sealed partial class WebhooksPage
{
    private IReadOnlyList<WebhookEndpointRow>? rows;
    private Guid? readFor;

    [Inject]
    private WebhookDeliveryQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    protected override async Task OnParametersSetAsync()
    {
        // Read on the interactive render only, and again only when the merchant in use changed (the access is re-cascaded
        // every time it is checked).
        if (!RendererInfo.IsInteractive || Access.Current is not { } merchant || readFor == merchant.MerchantId)
        {
            return;
        }

        readFor = merchant.MerchantId;
        rows = null;
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        rows = Access.Current is { } merchant ? await Queries.EndpointsAsync(merchant.MerchantId) : [];

    private async Task AddAsync()
    {
        if (await WebhookEndpointDialog.AddAsync(Dialogs, Access) is not { } created)
        {
            return;
        }

        await LoadAsync();
        await WebhookSecretDialog.ShowAsync(Dialogs, "Endpoint added: its signing secret", created.Secret,
            "Check the PaymentsPortal-Signature header of every request with it. Send a test event from the endpoint's page to try your receiver.");
        Snackbar.Add("The endpoint is added and receives events from now on.", Severity.Success);
    }

    private static string HrefOf(WebhookEndpointRow endpoint) => $"/settings/webhooks/{endpoint.Id}";

    private void Open(TableRowClickEventArgs<WebhookEndpointRow> click)
    {
        if (click.Item is { } endpoint)
        {
            Navigation.NavigateTo(HrefOf(endpoint));
        }
    }
}
