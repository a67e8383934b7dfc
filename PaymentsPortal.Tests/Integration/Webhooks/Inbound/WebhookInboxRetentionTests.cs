using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Core.Webhooks.Inbound.Processing;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>
/// Old inbound events go only through the owner's retention procedure: processed and ignored ones past the retention period,
/// never one still waiting, and never anything younger than the 35 days the gateway sync may still read back.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class WebhookInboxRetentionTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private WebhookTestBed bed = default!;

    public async Task InitializeAsync() => bed = await WebhookTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Apply_RemovesOldProcessedAndIgnoredEvents_KeepsRecentAndWaitingOnes()
    {
        var now = DateTimeOffset.UtcNow;
        bed.Clock.Now = now.AddDays(-100);
        var processed = await bed.DeliverStripeAsync("payout.paid", TestEvents.Payout("po_old", TenDollars, "paid", bed.Clock.GetUtcNow()));
        var ignored = await bed.DeliverStripeAsync("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_1", ["object"] = "customer" });
        await bed.ProcessAsync();
        bed.Clock.Now = now.AddDays(-50);
        var recent = await bed.DeliverStripeAsync("payout.paid", TestEvents.Payout("po_recent", TenDollars, "paid", bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();
        bed.Clock.Now = now.AddDays(-100);
        var waiting = await bed.DeliverStripeAsync("customer.updated", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_1", ["object"] = "customer" });
        bed.Clock.Now = now;

        var removed = await bed.Host.Service<WebhookInboxRetention>().ApplyAsync(CancellationToken.None);

        Assert.Equal(2, removed);
        var left = await bed.InboxAsync();
        Assert.Equal(new[] { recent.EventId, waiting.EventId }.Order(StringComparer.Ordinal), left.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(left, e => e.EventId == processed.EventId || e.EventId == ignored.EventId);
        Assert.Equal(WebhookInboxStatus.Pending, left.Single(e => e.EventId == waiting.EventId).Status);
    }

    [Fact]
    public async Task Procedure_ACutoffYoungerThan35Days_IsRefused()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        var cutoff = DateTimeOffset.UtcNow.AddDays(-10);

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.SqlQuery<long>($"SELECT webhook_inbox_apply_retention({cutoff}, 100) AS \"Value\"").ToListAsync());

        Assert.Contains("kept at least 35 days", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRole_CannotDeleteInboxEventsDirectly()
    {
        await bed.DeliverStripeAsync("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_2", ["object"] = "customer" });
        await using var db = bed.Host.Context(bed.MerchantId);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM webhook_inbox"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
