using Bunit;
using PaymentsPortal.Components.Pages.Webhooks.Received;
using PaymentsPortal.Core.Webhooks.Inbound;

namespace PaymentsPortal.Tests.Components.Webhooks;

/// <summary>The Received events page over the real inbox: what it lists, its counts, and a retry of a failed event.</summary>
[Trait("Tier", "Component")]
public sealed class ReceivedWebhooksPageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private WebhookComponentHost host = default!;

    public async Task InitializeAsync() => host = await WebhookComponentHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task FailedEvent_IsCountedShownWithItsError_AndRetryMakesItPending()
    {
        await StoreAsync(0, "evt_ok", "payment_intent.succeeded", WebhookInboxStatus.Processed, "payment moved to Succeeded");
        var failed = await StoreAsync(1, "evt_bad", "charge.refunded", WebhookInboxStatus.Failed, null);

        var page = host.Context.Render<ReceivedWebhooksPage>(p => p.AddCascadingValue(host.Admin()));

        page.WaitForRead(() => Assert.Equal(2, page.FindAll("[data-test=received-row]").Count));
        Assert.Equal("1 failed", page.Text("received-failed-count"));
        Assert.Equal(failed.ToString(), page.FindAll("[data-test=received-row]")[0].GetAttribute("data-event-id"));
        Assert.Equal("InvalidOperationException: the gateway said no", page.Text("received-error"));
        Assert.Single(page.FindAll("[data-test=received-retry]"));

        page.Find("[data-test=received-retry]").Click();

        page.WaitForRead(() => Assert.Equal("0 failed", page.Text("received-failed-count")));
        Assert.Equal("1 waiting", page.Text("received-pending-count"));
        Assert.Empty(page.FindAll("[data-test=received-retry]"));
    }

    private async Task<Guid> StoreAsync(int second, string eventId, string type, WebhookInboxStatus status, string? reason)
    {
        var at = Start.AddSeconds(second);
        var entry = new WebhookInboxEntry
        {
            MerchantId = host.Coffee, Id = Guid.CreateVersion7(at), Provider = WebhookProvider.Stripe, EventId = eventId, EventType = type,
            ReceivedAt = at, Payload = "{}", Status = status, Attempts = status == WebhookInboxStatus.Failed ? WebhookInboxEntry.MaxAttempts : 0,
            ProcessedAt = at, Reason = reason, LastError = status == WebhookInboxStatus.Failed ? "InvalidOperationException: the gateway said no" : null,
        };
        await using var db = host.Core.Context(host.Coffee);
        db.WebhookInbox.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }
}
