using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Webhooks.Inbound.Braintree;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Tests.Integration.Gateways.Braintree;

namespace PaymentsPortal.Tests.Integration.Gateways.Sync;

/// <summary>
/// The Braintree feed against the real simulator over loopback: what settled or was disputed is listed as the notification Braintree
/// would have sent, every page is read, and the same state read twice gives the same event ids.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeActivityFeedTests : IAsyncLifetime
{
    private static readonly string[] AllKinds =
    [
        "transaction_settled", "transaction_settlement_declined", "dispute_opened", "dispute_won", "dispute_lost", "dispute_accepted",
        "dispute_auto_accepted", "dispute_disputed", "dispute_expired", "dispute_under_review", "disbursement",
    ];

    private readonly ServiceProvider services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private readonly RecordingWebhookSink sink = new();
    private BraintreeSandbox sandbox = default!;

    public async Task InitializeAsync() => sandbox = await BraintreeSandbox.StartAsync(webhooks: sink);

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task Read_ASettledSaleWhoseWebhookNeverCame_IsListedAsTransactionSettled()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var settled = await ChargeAsync(1234, settle: true);
        await ChargeAsync(999, settle: false);

        var activity = Assert.Single(await ReadAsync(Feed(), since, AllKinds));

        var transaction = BraintreeNotificationTransaction.From(activity.Payload)!;
        Assert.Equal(("transaction_settled", $"transaction_settled:{settled.LegacyId}:settled", false), (activity.EventType, activity.EventId, activity.Livemode));
        Assert.Equal(
            (settled.LegacyId, "settled", "sale", 1234L, settled.OrderId, settled.Id),
            (transaction.LegacyId, transaction.Status, transaction.Type, transaction.Amount!.Value.MinorUnits, transaction.OrderId, transaction.GlobalId));
        Assert.Equal(sandbox.Simulator.Find(settled.Id)!.SettledAt!.Value, activity.OccurredAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Read_ARefundThatSettled_IsListedAsASettledCreditCarryingTheRefundsOrderId()
    {
        var sale = await ChargeAsync(3000, settle: true);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var refundId = Guid.NewGuid();
        var refunded = await sandbox.Gateway().RefundAsync(
            new Core.Gateways.RefundRequest(refundId, sale.Id, BraintreeSandbox.Usd(1200), null), CancellationToken.None);
        var unsettled = await ReadAsync(Feed(), since, AllKinds);
        Assert.True(sandbox.Simulator.Settle(refunded.GatewayReference!));

        var activity = Assert.Single(await ReadAsync(Feed(), since, AllKinds), a => a.EventType == "transaction_settled" && a.EventId != $"transaction_settled:{sale.LegacyId}:settled");

        Assert.DoesNotContain(unsettled, a => a.EventId != $"transaction_settled:{sale.LegacyId}:settled");
        var credit = BraintreeNotificationTransaction.From(activity.Payload)!;
        Assert.Equal(("credit", "settled", 1200L, refundId.ToString()), (credit.Type, credit.Status, credit.Amount!.Value.MinorUnits, credit.OrderId));
        Assert.Equal($"transaction_settled:{credit.LegacyId}:settled", activity.EventId);
    }

    [Fact]
    public async Task Read_ADisbursement_IsTheDaysSalesLessRefundsUnderTheIdItsWebhookHas()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var first = await ChargeAsync(3000, settle: true);
        var second = await ChargeAsync(1500, settle: true);
        await ChargeAsync(700, settle: false);
        var refunded = await sandbox.Gateway().RefundAsync(
            new Core.Gateways.RefundRequest(Guid.NewGuid(), first.Id, BraintreeSandbox.Usd(500), null), CancellationToken.None);
        Assert.True(sandbox.Simulator.Settle(refunded.GatewayReference!));
        var disbursement = sandbox.Simulator.Disburse()!;

        var activity = Assert.Single(await ReadAsync(Feed(pageSize: 1), since, AllKinds), a => a.EventType == "disbursement");

        var day = DateOnly.FromDateTime(disbursement.Date.UtcDateTime);
        var webhook = sink.Published.Single(w => w.EventType == "disbursement").Body;
        Assert.Equal(BraintreeEventIds.Of(webhook), activity.EventId);
        Assert.Equal(BraintreeEventIds.ForDisbursement("portal_usd", day, BraintreeSandbox.Usd(4000)), activity.EventId);
        var notice = BraintreeNotificationDisbursement.From(activity.Payload)!;
        Assert.Equal(
            ($"portal_usd:{day:yyyy-MM-dd}", "portal_usd", 4000L, "USD", (DateTimeOffset?)disbursement.Date, true, false),
            (notice.Id, notice.MerchantAccountId, notice.Amount!.Value.MinorUnits, notice.CurrencyCode, notice.DisbursementDate, notice.Success, notice.Retry));
        Assert.Equal(disbursement.Date, activity.OccurredAt);
        Assert.Equal(3, disbursement.TransactionLegacyIds.Count);
        Assert.Contains(second.LegacyId, disbursement.TransactionLegacyIds);
    }

    [Fact]
    public async Task Read_ADayWhoseRefundsOutweighItsSales_IsNoPayout()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sale = await ChargeAsync(2000, settle: true);
        var paid = sandbox.Simulator.Disburse(day: today.AddDays(-2))!;
        var refunded = await sandbox.Gateway().RefundAsync(
            new Core.Gateways.RefundRequest(Guid.NewGuid(), sale.Id, BraintreeSandbox.Usd(2000), null), CancellationToken.None);
        Assert.True(sandbox.Simulator.Settle(refunded.GatewayReference!));
        var debit = sandbox.Simulator.Disburse(day: today.AddDays(-1))!;

        var read = await ReadAsync(Feed(), DateTimeOffset.UtcNow.AddDays(-2), ["disbursement"]);

        Assert.Equal((2000L, -2000L), (paid.Amount.MinorUnits, debit.Amount.MinorUnits));
        var activity = Assert.Single(read);
        Assert.Equal(BraintreeEventIds.ForDisbursement("portal_usd", today.AddDays(-2), BraintreeSandbox.Usd(2000)), activity.EventId);
    }

    [Fact]
    public async Task Read_MoreThanOnePage_ReadsEveryPageByItsCursor()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var settled = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            settled.Add((await ChargeAsync(100 + i, settle: true)).LegacyId);
        }

        var before = sandbox.Simulator.RequestsReceived;
        var read = await ReadAsync(Feed(pageSize: 2), since, ["transaction_settled"]);

        Assert.Equal(settled.Order(), read.Select(a => BraintreeNotificationTransaction.From(a.Payload)!.LegacyId).Order());
        // Three pages of two, two and one settled sales, then one (empty) page of settled refunds.
        Assert.Equal(4, sandbox.Simulator.RequestsReceived - before);
    }

    [Fact]
    public async Task Read_TheSameStateTwice_GivesTheSameEventsAndANewStateANewEvent()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var disputed = await ChargeAsync(2500, settle: true, nonce: BraintreeTestNonces.Disputed);
        var dispute = Assert.Single(sandbox.Simulator.Disputes());

        var first = await ReadAsync(Feed(), since, AllKinds);
        var second = await ReadAsync(Feed(), since, AllKinds);
        sandbox.Simulator.DecideDispute(dispute.Id, won: true);
        var afterDecision = await ReadAsync(Feed(), since, AllKinds);

        Assert.Equal(first.Select(a => (a.EventId, a.Payload)), second.Select(a => (a.EventId, a.Payload)));
        Assert.Equal(
            [$"dispute_opened:{dispute.LegacyId}:open", $"transaction_settled:{disputed.LegacyId}:settled"],
            first.Select(a => a.EventId).Order(StringComparer.Ordinal));
        var won = Assert.Single(afterDecision, a => a.EventType == "dispute_won");
        Assert.Equal($"dispute_won:{dispute.LegacyId}:won", won.EventId);
        var notice = BraintreeNotificationDispute.From(won.Payload)!;
        Assert.Equal(
            (dispute.LegacyId, "won", "fraud", 2500L, disputed.LegacyId, disputed.OrderId, (DateTimeOffset?)dispute.ReplyByDate),
            (notice.Id, notice.Status, notice.Reason, notice.Amount!.Value.MinorUnits, notice.TransactionLegacyId, notice.TransactionOrderId, notice.ReplyBy));
    }

    [Fact]
    public async Task Read_OnlyTheKindsAskedFor()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await ChargeAsync(2500, settle: true, nonce: BraintreeTestNonces.Disputed);
        var before = sandbox.Simulator.RequestsReceived;

        var read = await ReadAsync(Feed(), since, ["dispute_won", "dispute_lost"]);

        Assert.Empty(read);
        Assert.Equal(1, sandbox.Simulator.RequestsReceived - before);
    }

    [Fact]
    public async Task Read_WithWrongKeys_Throws()
    {
        var connection = sandbox.Connection() with { Secret = "sandbox_public_key:wrong" };

        var error = await Assert.ThrowsAsync<GatewayReadException>(() => ReadAsync(Feed(), DateTimeOffset.UtcNow, AllKinds, connection));

        Assert.Contains("NotSent", error.Message, StringComparison.Ordinal);
    }

    private BraintreeActivityFeed Feed(int pageSize = 50) => new(services.GetRequiredService<IHttpClientFactory>()) { PageSize = pageSize };

    private async Task<BraintreeSimulatedTransaction> ChargeAsync(long cents, bool settle, string nonce = "fake-valid-nonce")
    {
        var attemptId = Guid.NewGuid();
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(cents), nonce, attemptId: attemptId), CancellationToken.None);
        var transaction = Assert.Single(sandbox.Simulator.ChargesFor(attemptId));
        if (settle)
        {
            Assert.True(sandbox.Simulator.Settle(transaction.Id));
        }

        return sandbox.Simulator.Find(transaction.Id)!;
    }

    private async Task<List<GatewayActivity>> ReadAsync(
        BraintreeActivityFeed feed, DateTimeOffset since, IReadOnlyCollection<string> kinds, Core.Gateways.GatewayConnection? connection = null)
    {
        var read = new List<GatewayActivity>();
        await foreach (var activity in feed.ReadAsync(connection ?? sandbox.Connection(), since, kinds, CancellationToken.None))
        {
            read.Add(activity);
        }

        return read;
    }
}
