using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Browsing;

namespace PaymentsPortal.Components.Pages.Webhooks.Received;

/// <summary>The events the providers sent the merchant, with what processing made of them, and a retry for those that failed.</summary>
public sealed partial class ReceivedWebhooksPage
{
    private const int PageSize = 50;

    private List<ReceivedWebhook> rows = [];
    private Guid? next;
    private (int Pending, int Failed) counts;
    private ReceivedWebhookFilter applied = new();
    private WebhookInboxStatus? status;
    private WebhookProvider? provider;
    private string? text;
    private bool loading = true;
    private bool busy;

    [Inject]
    private ReceivedWebhookQueries Queries { get; set; } = default!;

    [Inject]
    private ReceivedWebhookRetry Retry { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private UserAccess Access { get; set; } = UserAccess.Anonymous;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private Task SearchAsync()
    {
        applied = new ReceivedWebhookFilter(status, provider, text);
        return ReloadAsync();
    }

    private Task KeyDownAsync(KeyboardEventArgs e) => e.Key == "Enter" ? SearchAsync() : Task.CompletedTask;

    private async Task ReloadAsync()
    {
        loading = true;
        try
        {
            counts = await Queries.OpenCountsAsync(Access);
            var page = await Queries.ListAsync(Access, applied, null, PageSize);
            rows = [.. page.Rows];
            next = page.Next;
        }
        finally
        {
            loading = false;
        }
    }

    private async Task LoadMoreAsync()
    {
        if (loading || next is not { } after)
        {
            return;
        }

        loading = true;
        try
        {
            var page = await Queries.ListAsync(Access, applied, after, PageSize);
            rows.AddRange(page.Rows);
            next = page.Next;
        }
        finally
        {
            loading = false;
        }
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
