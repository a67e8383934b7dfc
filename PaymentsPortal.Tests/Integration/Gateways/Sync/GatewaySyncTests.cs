using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Jobs;
using PaymentsPortal.Core.Jobs.Catalog;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Tests.Integration.Webhooks.Inbound;

namespace PaymentsPortal.Tests.Integration.Gateways.Sync;

/// <summary>
/// The gateway sync stores the events whose webhook never came in the inbox, where the usual handlers apply them; an event that
/// did come is not stored or applied again. Its cursor moves only after a complete read, and one run at a time reads a gateway.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class GatewaySyncTests : IAsyncLifetime
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);
    private readonly ScriptedActivityFeed feed = new();

    // The bed's merchant also has Braintree, whose real feed would call Braintree's production API; this one lists nothing.
    private readonly ScriptedActivityFeed braintreeFeed = new(GatewayKind.Braintree);
    private WebhookTestBed bed = default!;

    private GatewaySync Sync => bed.Host.Service<GatewaySync>();

    public async Task InitializeAsync() => bed = await WebhookTestBed.StartAsync(services =>
    {
        services.AddSingleton<IGatewayActivityFeed>(feed);
        services.AddSingleton<IGatewayActivityFeed>(braintreeFeed);
    });

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Sync_AWebhookThatNeverCame_StoresTheEventAndItSettlesThePayment()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        var now = bed.Clock.GetUtcNow();
        feed.Add(Activity("evt_missed", "payment_intent.succeeded", TestEvents.Intent("pi_missed", attemptId, paymentId, TenDollars, "succeeded"), now));

        var result = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        await bed.ProcessAsync();

        Assert.Equal((GatewaySyncOutcome.Synced, 1, 1), (result.Outcome, result.Read, result.Caught));
        var (since, types) = Assert.Single(feed.Reads);
        Assert.Equal(now - TimeSpan.FromDays(3), since);
        Assert.Contains("payment_intent.succeeded", types);
        Assert.Contains("charge.dispute.closed", types);
        Assert.Contains("payout.failed", types);
        Assert.DoesNotContain("transaction_settled", types);
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
        var cursor = await CursorAsync();
        Assert.Equal(((DateTimeOffset?)now, 1, 1L, (DateTimeOffset?)null, (string?)null), (cursor.SyncedThrough, cursor.LastCaught, cursor.TotalCaught, cursor.LeasedUntil, cursor.LastError));
    }

    [Fact]
    public async Task Sync_AnEventTheWebhookAlreadyBrought_IsNeitherStoredNorAppliedAgain()
    {
        var (paymentId, attemptId) = await bed.LostReplyAsync();
        var now = bed.Clock.GetUtcNow();
        var body = TestEvents.Stripe("payment_intent.succeeded", TestEvents.Intent("pi_came", attemptId, paymentId, TenDollars, "succeeded"), now, id: "evt_came");
        await bed.DeliverStripeAsync(body);
        await bed.ProcessAsync();
        feed.Add(new GatewayActivity("evt_came", "payment_intent.succeeded", false, now, body));

        var result = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        var handled = await bed.ProcessAsync();

        Assert.Equal((GatewaySyncOutcome.Synced, 1, 0, 0), (result.Outcome, result.Read, result.Caught, handled));
        Assert.Single(await bed.InboxAsync());
        Assert.Single(await bed.AuditAsync(AuditAction.PaymentSucceeded, paymentId));
        Assert.Equal(0L, (await CursorAsync()).TotalCaught);
    }

    [Fact]
    public async Task Sync_TheNextRun_StartsAnOverlapBeforeTheLastOne()
    {
        var first = bed.Clock.GetUtcNow();
        await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        bed.Clock.Advance(TimeSpan.FromHours(1));

        await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);

        Assert.Equal([first - TimeSpan.FromDays(3), first - TimeSpan.FromMinutes(15)], feed.Reads.Select(r => r.Since));
        Assert.Equal(bed.Clock.GetUtcNow(), (await CursorAsync()).SyncedThrough);
    }

    [Fact]
    public async Task Sync_AReadCutShort_KeepsTheCursorAndTheNextRunReadsTheSameRangeAgain()
    {
        var now = bed.Clock.GetUtcNow();
        feed.Add(Activity("evt_a", "payout.paid", TestEvents.Payout("po_a", TenDollars, "paid", now), now));
        feed.Add(Activity("evt_b", "payout.paid", TestEvents.Payout("po_b", TenDollars, "paid", now), now));
        feed.Failure = new HttpRequestException("The connection was reset by the peer.");
        feed.FailAfter = 1;

        var failed = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        var afterFailure = await CursorAsync();
        feed.Failure = null;
        bed.Clock.Advance(TimeSpan.FromMinutes(15));
        var retried = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);

        Assert.Equal(GatewaySyncOutcome.Failed, failed.Outcome);
        Assert.Contains("HttpRequestException", failed.Error, StringComparison.Ordinal);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (afterFailure.SyncedThrough, afterFailure.LeasedUntil));
        Assert.Contains("connection was reset", afterFailure.LastError, StringComparison.Ordinal);
        Assert.Equal(now - TimeSpan.FromDays(3), feed.Reads[0].Since);
        Assert.Equal(now + TimeSpan.FromMinutes(15) - TimeSpan.FromDays(3), feed.Reads[1].Since);
        Assert.Equal((GatewaySyncOutcome.Synced, 2, 2), (retried.Outcome, retried.Read, retried.Caught));
        Assert.Equal(["evt_a", "evt_b"], (await bed.InboxAsync()).Select(e => e.EventId).Order());
        Assert.Null((await CursorAsync()).LastError);
    }

    [Fact]
    public async Task Sync_WhileAnotherRunReadsTheGateway_IsBusyAndReadsNothing()
    {
        feed.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        await feed.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        feed.Gate.SetResult();

        Assert.Equal(GatewaySyncOutcome.Busy, second.Outcome);
        Assert.Equal(GatewaySyncOutcome.Synced, (await first).Outcome);
        Assert.Single(feed.Reads);
    }

    [Fact]
    public async Task Sync_TheLeaseOfARunThatDied_LapsesAndIsTakenOver()
    {
        await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        await using (var db = bed.Host.Context(bed.MerchantId))
        {
            var until = bed.Clock.GetUtcNow() + TimeSpan.FromMinutes(10);
            await db.Database.ExecuteSqlAsync($"UPDATE gateway_sync_cursors SET leased_until = {until}");
        }

        var whileLeased = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);
        bed.Clock.Advance(TimeSpan.FromMinutes(11));
        var afterLapse = await Sync.SyncAsync(bed.MerchantId, GatewayKind.Stripe);

        Assert.Equal((GatewaySyncOutcome.Busy, GatewaySyncOutcome.Synced), (whileLeased.Outcome, afterLapse.Outcome));
    }

    [Fact]
    public async Task Job_ReadsEveryEnabledGatewayWithAFeed_AndSaysHowManyEventsWereMissed()
    {
        var now = bed.Clock.GetUtcNow();
        feed.Add(Activity("evt_job", "payout.paid", TestEvents.Payout("po_job", TenDollars, "paid", now), now));
        var job = bed.Host.Services.GetServices<IPortalJob>().OfType<GatewaySyncJob>().Single();

        var result = await job.RunAsync(JobProgress.None, CancellationToken.None);

        Assert.Equal(0, result.Errors);
        Assert.Contains("1 that never arrived by webhook", result.Summary, StringComparison.Ordinal);
        Assert.Equal("gateway-sync", job.Id);
        Assert.Single(await bed.InboxAsync());
    }

    [Fact]
    public async Task SyncAll_ADisabledGateway_IsNotRead()
    {
        await using (var db = bed.Host.Context(bed.MerchantId))
        {
            await db.MerchantGateways.Where(g => g.Gateway == GatewayKind.Stripe).ExecuteUpdateAsync(g => g.SetProperty(x => x.Enabled, false));
        }

        var results = await Sync.SyncAllAsync();

        Assert.DoesNotContain(results, r => r.MerchantId == bed.MerchantId && r.Gateway == GatewayKind.Stripe);
        Assert.Contains(results, r => r.MerchantId == bed.MerchantId && r.Gateway == GatewayKind.Braintree);
        Assert.Equal(results.Count(r => r.Gateway == GatewayKind.Stripe), feed.Reads.Count);
    }

    private static GatewayActivity Activity(string id, string type, System.Text.Json.Nodes.JsonObject data, DateTimeOffset at) =>
        new(id, type, false, at, TestEvents.Stripe(type, data, at, id: id));

    private async Task<GatewaySyncCursor> CursorAsync()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.GatewaySyncCursors.AsNoTracking().SingleAsync(c => c.Gateway == GatewayKind.Stripe);
    }
}
