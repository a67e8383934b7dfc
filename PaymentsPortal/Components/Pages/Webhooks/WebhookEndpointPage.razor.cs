using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using PaymentsPortal.Components.Shared;
using PaymentsPortal.Components.Shared.StepUp;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>
/// One endpoint: its settings and health, what an Admin does to it (test, edit, switch off and on, rotate the secret, delete),
/// and its deliveries. Every read is scoped to the merchant in use, so another merchant's endpoint reads as not found.
/// </summary>
public sealed partial class WebhookEndpointPage
{
    private WebhookEndpointRow? endpoint;
    private WebhookDeliveriesTable? deliveries;
    private (Guid Merchant, Guid Endpoint)? readFor;
    private bool loaded;
    private bool busy;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private WebhookDeliveryQueries Queries { get; set; } = default!;

    [Inject]
    private WebhookEndpointAdministration Administration { get; set; } = default!;

    [Inject]
    private WebhookDeliveryActions Actions { get; set; } = default!;

    [Inject]
    private IOptions<OutboundWebhookOptions> Options { get; set; } = default!;

    [Inject]
    private StepUpPrompt StepUp { get; set; } = default!;

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

    private Guid MerchantId => Access.Current!.MerchantId;

    protected override async Task OnParametersSetAsync()
    {
        // Read on the interactive render only, and again only for another endpoint or merchant.
        if (!RendererInfo.IsInteractive || Access.Current is not { } merchant || readFor == (merchant.MerchantId, Id))
        {
            return;
        }

        var asked = (merchant.MerchantId, Id);
        readFor = asked;
        loaded = false;
        var found = await Queries.EndpointAsync(merchant.MerchantId, Id);
        // Of two reads in flight (a merchant switch during the first), the later one's endpoint is shown.
        if (readFor == asked)
        {
            endpoint = found;
            loaded = true;
        }
    }

    /// <summary>Health, counts and settings after something changed here or a delivery landed.</summary>
    private async Task ReloadAsync()
    {
        if (Access.Current is not null)
        {
            endpoint = await Queries.EndpointAsync(MerchantId, Id);
        }
    }

    private Task SendTestAsync() => RunAsync(async () =>
    {
        var sent = await Actions.SendTestAsync(MerchantId, Access.AsActor(), Id);
        Report(sent.Succeeded, sent.Error, "A test event is on its way; it shows below as it is sent.");
        if (sent.Succeeded && deliveries is not null)
        {
            await deliveries.ShowNewestAsync();
        }
    });

    private Task EditAsync() => RunAsync(async () =>
    {
        if (endpoint is not null && await WebhookEndpointDialog.EditAsync(Dialogs, Access, endpoint))
        {
            Snackbar.Add("The endpoint is saved.", Severity.Success);
            await ReloadAsync();
        }
    });

    private Task DisableAsync() => RunAsync(async () =>
    {
        var pending = endpoint?.PendingDeliveries ?? 0;
        var waiting = pending == 0
            ? "No delivery is waiting for it now."
            : $"The {pending} deliver{(pending == 1 ? "y" : "ies")} waiting for it {(pending == 1 ? "is" : "are")} canceled; you can resend them one by one later.";
        if (!await ConfirmDialog.AskAsync(Dialogs, "Disable endpoint",
                $"Nothing is sent to this endpoint while it is disabled, and events that happen meanwhile are not sent to it later. {waiting}", "Disable"))
        {
            return;
        }

        await ChangeAsync(await Administration.SetEnabledAsync(MerchantId, Access.AsActor(), Id, enabled: false), "The endpoint is disabled.");
    });

    private Task EnableAsync() => RunAsync(async () =>
        await ChangeAsync(await Administration.SetEnabledAsync(MerchantId, Access.AsActor(), Id, enabled: true), "The endpoint is enabled and receives new events."));

    private Task DeleteAsync() => RunAsync(async () =>
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Delete endpoint",
                $"No more events are sent to {endpoint?.Url}. Its deliveries and their attempts are deleted with it; the audit trail keeps a record of the endpoint.",
                "Delete"))
        {
            return;
        }

        var deleted = await Administration.DeleteAsync(MerchantId, Access.AsActor(), Id);
        Report(deleted.Succeeded, deleted.Error, "The endpoint is deleted.");
        if (deleted.Succeeded)
        {
            Navigation.NavigateTo("/settings/webhooks");
        }
    });

    private Task RotateAsync() => RunAsync(async () =>
    {
        var grace = Options.Value.RotationGracePeriod;
        if (await WebhookRotateSecretDialog.AskAsync(Dialogs, grace) is not { } endOldNow)
        {
            return;
        }

        // Whoever holds the secret can make the merchant's systems believe a payment succeeded: like gateway credentials, a new
        // one is made only after the Admin proved again who they are.
        if (!await StepUp.EnsureAsync("Rotate a webhook signing secret"))
        {
            return;
        }

        var rotated = await Administration.RotateSecretAsync(MerchantId, Access.AsActor(), Id, endOldNow);
        if (rotated is not { Succeeded: true, Value: { } secret })
        {
            Report(false, rotated.Error, "");
            return;
        }

        await ReloadAsync();
        var note = endOldNow
            ? "The old secret no longer signs: requests carry one signature, made with this secret."
            : $"Until {WebhookFormat.Time(endpoint?.PreviousSecretExpiresAt)} UTC each request carries two signatures, one with this secret and one with the old.";
        await WebhookSecretDialog.ShowAsync(Dialogs, "New signing secret", secret.Secret, note);
    });

    private async Task ChangeAsync(CommandResult result, string success)
    {
        Report(result.Succeeded, result.Error, success);
        await ReloadAsync();
        if (deliveries is not null)
        {
            await deliveries.RefreshAsync();
        }
    }

    // One action at a time: the buttons are off while a dialog or a use case runs, so a double click cannot send two tests.
    private async Task RunAsync(Func<Task> action)
    {
        if (busy || Access.Current is null)
        {
            return;
        }

        busy = true;
        try
        {
            await action();
        }
        finally
        {
            busy = false;
        }
    }

    private void Report(bool succeeded, string? error, string success) =>
        Snackbar.Add(succeeded ? success : error ?? "That did not work.", succeeded ? Severity.Success : Severity.Error);
}
