using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PaymentsPortal.Components.Pages.Webhooks;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Webhooks;

/// <summary>
/// An endpoint's deliveries table and the delivery dialog over PostgreSQL: keyset paging, the status filter, a delivery's body
/// and attempts, Resend refused with Core's reason, and another merchant's delivery read as not found.
/// </summary>
[Trait("Tier", "Component")]
public sealed class WebhookDeliveriesTableTests : IAsyncLifetime
{
    private WebhookComponentHost host = default!;
    private Guid endpointId;

    public async Task InitializeAsync()
    {
        host = await WebhookComponentHost.StartAsync();
        endpointId = (await host.AddEndpointAsync(host.Coffee, "https://orders.example.com/hooks")).EndpointId;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Render_MoreThanAPage_PagesOlderAndNewerByKeyset()
    {
        var sent = await host.SendTestsAsync(host.Coffee, endpointId, WebhookDeliveryQueries.PageSize + 2);
        var newestFirst = Enumerable.Reverse(sent).Select(id => id.ToString()).ToList();

        var table = Render();

        table.WaitForRead(() => Assert.Equal(newestFirst.Take(WebhookDeliveryQueries.PageSize), Shown(table)));
        Assert.True(table.Find("[data-test=webhook-deliveries-newer]").HasAttribute("disabled"));
        await table.Find("[data-test=webhook-deliveries-older]").ClickAsync(new());

        table.WaitForRead(() => Assert.Equal(newestFirst.Skip(WebhookDeliveryQueries.PageSize), Shown(table)));
        Assert.Equal("Page 2", table.Text("webhook-deliveries-page"));
        Assert.True(table.Find("[data-test=webhook-deliveries-older]").HasAttribute("disabled"));
        await table.Find("[data-test=webhook-deliveries-newer]").ClickAsync(new());

        table.WaitForRead(() => Assert.Equal(newestFirst.Take(WebhookDeliveryQueries.PageSize), Shown(table)));
    }

    [Fact]
    public async Task Filter_Failed_ShowsOnlyFailedDeliveries_WithTheirLastAttempt()
    {
        var sent = await host.SendTestsAsync(host.Coffee, endpointId, 3);
        await host.RecordAsync(host.Coffee, sent[1], WebhookDeliveryStatus.Failed, Attempt(sent[1], 1, WebhookAttemptTrigger.Scheduled, 503, "HTTP 503"));
        var table = Render();
        table.WaitForRead(() => Assert.Equal(3, Shown(table).Count));
        var row = table.Find($"[data-test=webhook-delivery-row][data-delivery-id='{sent[1]}']").ParentElement!;
        Assert.Equal(("Failed", "1", "HTTP 503"), (Status(row), row.QuerySelector("[data-test=webhook-delivery-attempts]")!.TextContent.Trim(),
            row.QuerySelector("[data-test=webhook-delivery-last]")!.TextContent.Trim()));

        var filter = table.FindComponent<MudSelect<WebhookDeliveryStatus?>>();
        await table.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(WebhookDeliveryStatus.Failed));

        table.WaitForRead(() => Assert.Equal([sent[1].ToString()], Shown(table)));
        await table.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(WebhookDeliveryStatus.Delivered));
        table.WaitForRead(() => Assert.Contains("No Delivered deliveries", table.Text("webhook-deliveries-empty"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenRow_ShowsThePrettyBodyAndEveryAttemptNewestFirst()
    {
        var delivery = (await host.SendTestsAsync(host.Coffee, endpointId, 1))[0];
        await host.RecordAsync(host.Coffee, delivery, WebhookDeliveryStatus.Delivered,
            Attempt(delivery, 1, WebhookAttemptTrigger.Scheduled, 500, "HTTP 500", "{\"error\":\"database down\"}"),
            Attempt(delivery, 2, WebhookAttemptTrigger.Replay, 200, null, "ok"));
        var dialogs = host.Context.Render<MudDialogProvider>();
        var table = Render();
        table.WaitForRead(() => Assert.Single(Shown(table)));

        // Not awaited: the click's handler returns only once the dialog it opens is closed.
        table.Find("[data-test=webhook-delivery-row]").Click();

        dialogs.WaitForRead(() => Assert.Equal(2, dialogs.FindAll("[data-test=webhook-attempt]").Count));
        var attempts = dialogs.FindAll("[data-test=webhook-attempt]");
        Assert.Equal([("2", "Replay", "200"), ("1", "Scheduled", "500")],
            attempts.Select(a => (a.GetAttribute("data-number"), a.GetAttribute("data-trigger"), a.GetAttribute("data-status-code"))));
        Assert.Equal(["—", "HTTP 500"], dialogs.FindAll("[data-test=webhook-attempt-error]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["ok", "{\"error\":\"database down\"}"], dialogs.FindAll("[data-test=webhook-attempt-response]").Select(e => e.TextContent));
        var body = dialogs.Find("[data-test=webhook-delivery-body]").TextContent;
        Assert.Contains("\n  \"type\": \"webhook_endpoint.test\"", body, StringComparison.Ordinal);
        Assert.Equal("Delivered", dialogs.Find("[data-test=webhook-delivery-dialog] [data-test=webhook-delivery-status]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task Resend_EndpointDisabled_ShowsCoresReason_AndLeavesTheDeliveryAsItWas()
    {
        var delivery = (await host.SendTestsAsync(host.Coffee, endpointId, 1))[0];
        await host.RecordAsync(host.Coffee, delivery, WebhookDeliveryStatus.Failed, Attempt(delivery, 1, WebhookAttemptTrigger.Scheduled, 500, "HTTP 500"));
        await host.Core.Service<WebhookEndpointAdministration>().SetEnabledAsync(host.Coffee, TestActors.Someone, endpointId, enabled: false);
        var dialogs = host.Context.Render<MudDialogProvider>();
        await Open(dialogs, delivery);
        dialogs.WaitForRead(() => Assert.False(dialogs.Find("[data-test=webhook-resend]").HasAttribute("disabled")));

        await dialogs.Find("[data-test=webhook-resend]").ClickAsync(new());

        dialogs.WaitForRead(() => Assert.Contains("switched off", dialogs.Text("webhook-resend-error"), StringComparison.Ordinal));
        await using var db = host.Core.Context(host.Coffee);
        Assert.Equal(WebhookDeliveryStatus.Failed, (await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == delivery)).Status);
    }

    [Fact]
    public async Task Open_AnotherMerchantsDelivery_ShowsNotFoundAndNothingOfIt()
    {
        var theirs = (await host.AddEndpointAsync(host.Northwind, "https://northwind.example.com/hooks")).EndpointId;
        var delivery = (await host.SendTestsAsync(host.Northwind, theirs, 1))[0];
        var dialogs = host.Context.Render<MudDialogProvider>();

        await Open(dialogs, delivery);

        dialogs.WaitForRead(() => Assert.NotEmpty(dialogs.FindAll("[data-test=webhook-delivery-not-found]")));
        Assert.Empty(dialogs.FindAll("[data-test=webhook-delivery-body]"));
        Assert.DoesNotContain("northwind.example.com", dialogs.Markup, StringComparison.Ordinal);
        Assert.True(dialogs.Find("[data-test=webhook-resend]").HasAttribute("disabled"));
    }

    private IRenderedComponent<WebhookDeliveriesTable> Render() =>
        host.Context.Render<WebhookDeliveriesTable>(p => p.Add(t => t.Access, host.Admin()).Add(t => t.EndpointId, endpointId));

    /// <summary>Opens a delivery as an Admin of Demo Coffee Co.</summary>
    private async Task Open(IRenderedComponent<MudDialogProvider> dialogs, Guid deliveryId)
    {
        var service = host.Context.Services.GetRequiredService<IDialogService>();
        // A statement lambda: the Action overload returns once the dialog is shown, where a Func<Task> would wait for it to close.
        await dialogs.InvokeAsync(() => { _ = WebhookDeliveryDialog.ShowAsync(service, host.Admin(), deliveryId); });
        dialogs.WaitForRead(() => Assert.NotEmpty(dialogs.FindAll("[data-test=webhook-delivery-dialog]")));
    }

    private WebhookDeliveryAttempt Attempt(Guid deliveryId, int number, WebhookAttemptTrigger trigger, int? statusCode, string? error, string? response = null) => new()
    {
        MerchantId = host.Coffee,
        Id = Guid.CreateVersion7(),
        DeliveryId = deliveryId,
        Number = number,
        Trigger = trigger,
        StartedAt = DateTimeOffset.UtcNow.AddSeconds(number - 10),
        DurationMs = 40 * number,
        StatusCode = statusCode,
        Succeeded = statusCode is >= 200 and < 300,
        Error = error,
        ResponseExcerpt = response,
    };

    private static List<string> Shown(IRenderedComponent<WebhookDeliveriesTable> table) =>
        [.. table.FindAll("[data-test=webhook-delivery-row]").Select(r => r.GetAttribute("data-delivery-id")!)];

    private static string Status(AngleSharp.Dom.IElement row) => row.QuerySelector("[data-test=webhook-delivery-status]")!.GetAttribute("data-status")!;
}
