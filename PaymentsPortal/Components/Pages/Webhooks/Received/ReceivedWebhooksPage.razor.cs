using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using PaymentsPortal.Components.Shared;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Browsing;

namespace PaymentsPortal.Components.Pages.Webhooks.Received;

/// <summary>The events the providers sent the merchant, with what processing made of them, and a retry for those that failed.</summary>
public sealed partial class ReceivedWebhooksPage
{
    private const int PageSize = 50;

    private readonly OlderPages<ReceivedWebhook, Guid> events;
    private (int Pending, int Failed) counts;
    private ReceivedWebhookFilter applied = new();
    private WebhookInboxStatus? status;
    private WebhookProvider? provider;
    private string? text;
    private bool busy;

    public ReceivedWebhooksPage() =>
        events = new(async after =>
        {
            var page = await Queries.ListAsync(Access, applied, after, PageSize);
            return (page.Rows, page.Next);
        });

    [Inject]
    private ReceivedWebhookQueries Queries { get; set; } = default!;

    [Inject]
    private ReceivedWebhookRetry Retry { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    // Prerendering would read the inbox a second time; the interactive render reads it once.
    protected override Task OnInitializedAsync() => RendererInfo.IsInteractive ? ReloadAsync() : Task.CompletedTask;

    private Task SearchAsync()
    {
        applied = new ReceivedWebhookFilter(status, provider, text);
        return ReloadAsync();
    }

    private Task KeyDownAsync(KeyboardEventArgs e) => e.Key == "Enter" ? SearchAsync() : Task.CompletedTask;

    private async Task ReloadAsync()
    {
        counts = await Queries.OpenCountsAsync(Access);
        await events.ReloadAsync();
    }

    private async Task RetryAsync(ReceivedWebhook row)
    {
        busy = true;
        try
        {
            var result = await Retry.RetryAsync(Access, row.Id);
            Snackbar.Add(result.Succeeded ? $"{row.EventType} is being processed again." : result.Error!, result.Succeeded ? Severity.Success : Severity.Error);
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
