using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Browsing;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>The received events an Admin browses, and sending a failed one back to processing.</summary>
[Trait("Tier", "Integration")]
public sealed class ReceivedWebhookTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private CoreHost core = default!;
    private Guid coffee;
    private int stored;

    public async Task InitializeAsync()
    {
        core = await CoreHost.StartAsync();
        coffee = await core.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync() => await core.DisposeAsync();

    [Fact]
    public async Task List_NewestFirst_FilteredAndPagedWithoutRepeats_AndCounted()
    {
        var received = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            received.Add(await StoreAsync(WebhookProvider.Stripe, $"evt_{i}", i % 2 == 0 ? "charge.refunded" : "payment_intent.succeeded",
                i == 3 ? WebhookInboxStatus.Failed : WebhookInboxStatus.Processed));
        }

        received.Add(await StoreAsync(WebhookProvider.Braintree, "bt_hash", "transaction_settled", WebhookInboxStatus.Pending));
        var queries = core.Service<ReceivedWebhookQueries>();

        var first = await queries.ListAsync(Admin(), new ReceivedWebhookFilter(), null, 4);
        var second = await queries.ListAsync(Admin(), new ReceivedWebhookFilter(), first.Next, 4);
        Assert.Equal(Enumerable.Reverse(received), first.Rows.Concat(second.Rows).Select(r => r.Id));
        Assert.Null(second.Next);

        Assert.Equal([received[3]], (await queries.ListAsync(Admin(), new ReceivedWebhookFilter(Status: WebhookInboxStatus.Failed), null, 10)).Rows.Select(r => r.Id));
        Assert.Equal([received[5]], (await queries.ListAsync(Admin(), new ReceivedWebhookFilter(Provider: WebhookProvider.Braintree), null, 10)).Rows.Select(r => r.Id));
        Assert.Equal(3, (await queries.ListAsync(Admin(), new ReceivedWebhookFilter(Text: "REFUNDED"), null, 10)).Rows.Count);
        Assert.Equal([received[2]], (await queries.ListAsync(Admin(), new ReceivedWebhookFilter(Text: "evt_2"), null, 10)).Rows.Select(r => r.Id));
        Assert.Equal((1, 1), await queries.OpenCountsAsync(Admin()));
        Assert.Empty((await queries.ListAsync(Admin(MerchantRole.Operator), new ReceivedWebhookFilter(), null, 10)).Rows);
    }

    [Fact]
    public async Task Retry_FailedEvent_IsPendingWithANewRoundOfTries_AndAudited()
    {
        var id = await StoreAsync(WebhookProvider.Stripe, "evt_broken", "customer.created", WebhookInboxStatus.Failed);

        var retried = await core.Service<ReceivedWebhookRetry>().RetryAsync(Admin(), id);

        Assert.True(retried.Succeeded, retried.Error);
        await using var db = core.Context(coffee);
        var entry = await db.WebhookInbox.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal((WebhookInboxStatus.Pending, 0, (DateTimeOffset?)null), (entry.Status, entry.Attempts, entry.ProcessedAt));
        Assert.NotNull(entry.NextAttemptAt);
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.WebhookEventRetried);
        Assert.Equal((WebhookInboxProcessor.AuditTargetType, id.ToString()), (audit.TargetType, audit.TargetId));

        // The processor takes it again; a type the portal does not act on ends as Ignored.
        Assert.Equal(1, await core.Service<WebhookInboxProcessor>().ProcessPendingAsync(10));
        Assert.Equal(WebhookInboxStatus.Ignored, (await db.WebhookInbox.AsNoTracking().SingleAsync(e => e.Id == id)).Status);
    }

    [Fact]
    public async Task Retry_OfAnEventThatDidNotFail_OrByAnOperator_IsRefused()
    {
        var processed = await StoreAsync(WebhookProvider.Stripe, "evt_done", "charge.refunded", WebhookInboxStatus.Processed);
        var failed = await StoreAsync(WebhookProvider.Stripe, "evt_failed", "charge.refunded", WebhookInboxStatus.Failed);
        var retry = core.Service<ReceivedWebhookRetry>();

        var notFailed = await retry.RetryAsync(Admin(), processed);
        var byOperator = await retry.RetryAsync(Admin(MerchantRole.Operator), failed);

        Assert.Equal("Only an event that failed can be retried; this one is processed.", notFailed.Error);
        Assert.Equal("Your role cannot retry received events.", byOperator.Error);
        await using var db = core.Context(coffee);
        Assert.Equal(WebhookInboxStatus.Failed, (await db.WebhookInbox.AsNoTracking().SingleAsync(e => e.Id == failed)).Status);
    }

    // Each event a second after the one before, so their version-7 ids (and so the list's order) follow the order they were stored in.
    private async Task<Guid> StoreAsync(WebhookProvider provider, string eventId, string type, WebhookInboxStatus status)
    {
        var at = Start.AddSeconds(stored++);
        var entry = new WebhookInboxEntry
        {
            MerchantId = coffee, Id = Guid.CreateVersion7(at), Provider = provider, EventId = eventId, EventType = type, Livemode = false,
            ReceivedAt = at, Payload = """{"id":"evt","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}""",
            Status = status, Attempts = status == WebhookInboxStatus.Failed ? WebhookInboxEntry.MaxAttempts : 0,
            NextAttemptAt = status == WebhookInboxStatus.Pending ? DateTimeOffset.UtcNow.AddHours(1) : null,
            ProcessedAt = status is WebhookInboxStatus.Processed or WebhookInboxStatus.Failed ? at : null,
            LastError = status == WebhookInboxStatus.Failed ? "InvalidOperationException: the gateway said no" : null,
        };
        await using var db = core.Context(coffee);
        db.WebhookInbox.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private UserAccess Admin(MerchantRole role = MerchantRole.Admin)
    {
        var membership = new MerchantAccess(coffee, DemoData.DemoCoffee, role);
        return new UserAccess(Guid.NewGuid(), "Demo " + role, false, false, false, [membership], membership);
    }
}
