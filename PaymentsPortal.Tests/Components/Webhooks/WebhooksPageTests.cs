using Bunit;
using MudBlazor;
using PaymentsPortal.Components.Pages.Webhooks;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Components.Webhooks;

/// <summary>The webhooks list and the Add endpoint dialog over the real use cases and PostgreSQL.</summary>
[Trait("Tier", "Component")]
public sealed class WebhooksPageTests : IAsyncLifetime
{
    private WebhookComponentHost host = default!;

    public async Task InitializeAsync() => host = await WebhookComponentHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Render_NoEndpoints_ExplainsWebhooksAndTheSignatureHeader()
    {
        var (page, _) = Render();

        page.WaitForRead(() => Assert.Contains("PaymentsPortal-Signature: t=", page.Text("webhooks-empty"), StringComparison.Ordinal));
        Assert.Contains("HMAC-SHA256", page.Text("webhooks-empty"), StringComparison.Ordinal);
        Assert.Equal("0 of 16 endpoints", page.Text("webhook-endpoint-count"));
        Assert.Empty(page.FindAll("[data-test=webhook-endpoints-table]"));
    }

    [Fact]
    public async Task Render_Endpoints_ShowsUrlEventsHealthStateAndSecretHint_OfThisMerchantOnly()
    {
        var orders = await host.AddEndpointAsync(host.Coffee, "https://orders.example.com/hooks", "Order system");
        var books = await host.AddEndpointAsync(host.Coffee, "https://books.example.com/hooks", null,
            WebhookEventTypes.RefundSucceeded, WebhookEventTypes.PaymentSucceeded);
        await host.Core.Service<WebhookEndpointAdministration>().SetEnabledAsync(host.Coffee, TestActors.Someone, orders.EndpointId, enabled: false);
        var failedAt = new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
        await host.SetHealthAsync(host.Coffee, books.EndpointId, 2, failedAt.AddHours(-1), failedAt, "HTTP 503");
        await host.AddEndpointAsync(host.Northwind, "https://northwind.example.com/hooks");

        var (page, _) = Render();

        page.WaitForRead(() => Assert.Equal(2, page.FindAll("[data-test=webhook-endpoint-row]").Count));
        var ordersRow = Row(page, orders.EndpointId);
        Assert.Equal("https://orders.example.com/hooks", ordersRow.QuerySelector("[data-test=webhook-endpoint-link]")!.TextContent.Trim());
        Assert.Equal("Order system", ordersRow.QuerySelector("[data-test=webhook-endpoint-description]")!.TextContent.Trim());
        Assert.Equal("All events", ordersRow.QuerySelector("[data-test=webhook-endpoint-events]")!.TextContent.Trim());
        Assert.Equal(("Disabled", "false"), (Health(ordersRow), ordersRow.QuerySelector("[data-test=webhook-endpoint-enabled]")!.GetAttribute("data-enabled")));
        Assert.Equal("whsec_…" + orders.Secret[^4..], ordersRow.QuerySelector("[data-test=webhook-secret-hint]")!.TextContent.Trim());

        var booksRow = Row(page, books.EndpointId);
        Assert.Equal("payment.succeeded, refund.succeeded", booksRow.QuerySelector("[data-test=webhook-endpoint-events]")!.TextContent.Trim());
        Assert.Equal(("Degraded", "true"), (Health(booksRow), booksRow.QuerySelector("[data-test=webhook-endpoint-enabled]")!.GetAttribute("data-enabled")));
        Assert.Equal("2 failed attempts in a row", booksRow.QuerySelector("[data-test=webhook-consecutive-failures]")!.TextContent.Trim());
        Assert.Equal("Last success: 2026-11-24 09:15:00", booksRow.QuerySelector("[data-test=webhook-last-success]")!.TextContent.Trim());
        Assert.Equal("Last failure: 2026-11-24 10:15:00 (HTTP 503)", booksRow.QuerySelector("[data-test=webhook-last-failure]")!.TextContent.Trim());
        Assert.DoesNotContain("northwind.example.com", page.Markup, StringComparison.Ordinal);
        Assert.Equal("2 of 16 endpoints", page.Text("webhook-endpoint-count"));
    }

    [Theory]
    [InlineData("not a url", "Enter a full URL")]
    [InlineData("https://someone:hunter2@example.com/hooks", "must not carry a user name or password")]
    public async Task AddEndpoint_UrlRefused_ShowsCoresReasonInTheDialog_AndAddsNothing(string url, string reason)
    {
        var (page, dialogs) = Render();
        OpenAddDialog(page, dialogs);

        dialogs.Find("[data-test=webhook-url]").Input(url);
        await dialogs.Find("[data-test=webhook-endpoint-submit]").ClickAsync(new());

        dialogs.WaitForRead(() => Assert.Contains(reason, dialogs.Text("webhook-endpoint-error"), StringComparison.Ordinal));
        Assert.NotEmpty(dialogs.FindAll("[data-test=webhook-endpoint-dialog]"));
        Assert.Empty(await host.Core.Service<PaymentsPortal.Core.Webhooks.Outbound.Deliveries.WebhookDeliveryQueries>().EndpointsAsync(host.Coffee));
    }

    [Fact]
    public async Task AddEndpoint_SixteenExist_ShowsTheLimitInTheDialog()
    {
        for (var i = 0; i < WebhookEndpointAdministration.MaxEndpoints; i++)
        {
            await host.AddEndpointAsync(host.Coffee, $"https://system{i}.example.com/hooks");
        }

        var (page, dialogs) = Render();
        page.WaitForRead(() => Assert.Equal("16 of 16 endpoints", page.Text("webhook-endpoint-count")));
        OpenAddDialog(page, dialogs);

        dialogs.Find("[data-test=webhook-url]").Input("https://one-more.example.com/hooks");
        await dialogs.Find("[data-test=webhook-endpoint-submit]").ClickAsync(new());

        dialogs.WaitForRead(() => Assert.Contains("at most 16 endpoints", dialogs.Text("webhook-endpoint-error"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddEndpoint_Valid_ShowsTheSecretOnce_ThenListsTheEndpointWithItsHintOnly()
    {
        var (page, dialogs) = Render();
        OpenAddDialog(page, dialogs);

        dialogs.Find("[data-test=webhook-url]").Input("http://127.0.0.1:9/hooks");
        dialogs.Find("[data-test=webhook-description]").Input("Accounting");
        dialogs.Find($"input[data-test=webhook-event][data-type='{WebhookEventTypes.RefundSucceeded}']").Change(true);
        dialogs.WaitForRead(() => Assert.StartsWith("Only the 1 ticked type", dialogs.Text("webhook-events-summary"), StringComparison.Ordinal));
        await dialogs.Find("[data-test=webhook-endpoint-submit]").ClickAsync(new());

        dialogs.WaitForRead(() => Assert.NotEmpty(dialogs.FindAll("[data-test=webhook-secret-dialog]")));
        var secret = dialogs.Text("webhook-secret-value");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Contains("will not be shown again", dialogs.Text("webhook-secret-warning"), StringComparison.Ordinal);
        var endpoint = Assert.Single(await host.Core.Service<PaymentsPortal.Core.Webhooks.Outbound.Deliveries.WebhookDeliveryQueries>().EndpointsAsync(host.Coffee));
        Assert.Equal(("http://127.0.0.1:9/hooks", "Accounting"), (endpoint.Url, endpoint.Description));
        Assert.Equal([WebhookEventTypes.RefundSucceeded], endpoint.EventTypes);
        Assert.Equal(endpoint.SecretHint, "…" + secret[^4..]);

        await dialogs.Find("[data-test=webhook-secret-done]").ClickAsync(new());

        dialogs.WaitForRead(() => Assert.Empty(dialogs.FindAll("[data-test=webhook-secret-dialog]")));
        page.WaitForRead(() => Assert.Equal("whsec_…" + secret[^4..], page.Text("webhook-secret-hint")));
        Assert.DoesNotContain(secret, page.Markup + dialogs.Markup, StringComparison.Ordinal);
    }

    private (IRenderedComponent<WebhooksPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) Render()
    {
        var dialogs = host.Context.Render<MudDialogProvider>();
        var page = host.Context.Render<WebhooksPage>(p => p.AddCascadingValue(host.Admin()));
        return (page, dialogs);
    }

    private static void OpenAddDialog(IRenderedComponent<WebhooksPage> page, IRenderedComponent<MudDialogProvider> dialogs)
    {
        page.WaitForRead(() => Assert.False(page.Find("[data-test=webhook-add]").HasAttribute("disabled")));
        // Not awaited: the click's handler returns only once the dialog it opens is closed.
        page.Find("[data-test=webhook-add]").Click();
        dialogs.WaitForRead(() => Assert.NotEmpty(dialogs.FindAll("[data-test=webhook-endpoint-dialog]")));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<WebhooksPage> page, Guid endpointId) =>
        page.Find($"[data-test=webhook-endpoint-row][data-endpoint-id='{endpointId}']").ParentElement!;

    private static string Health(AngleSharp.Dom.IElement row) => row.QuerySelector("[data-test=webhook-health]")!.GetAttribute("data-health")!;
}
