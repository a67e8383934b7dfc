using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Gateways.Sync;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Disputes;
using PaymentsPortal.Core.Payments.Refunds;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Webhooks.Inbound;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Tests.Integration.Gateways.Braintree;
using PaymentsPortal.Tests.Integration.Webhooks.Inbound;

namespace PaymentsPortal.Tests.Integration.Gateways.Sync;

/// <summary>
/// The gateway sync over the real Braintree feed and simulator: when Braintree's notifications never reach the portal, the sync finds
/// the settlement and the dispute, stores them as the webhooks would have been stored, and the usual handlers apply them.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeGatewaySyncTests : IAsyncLifetime
{
    private WebhookTestBed bed = default!;
    private BraintreeSandbox sandbox = default!;

    public async Task InitializeAsync()
    {
        bed = await WebhookTestBed.StartAsync();

        // The simulator keeps real time; the sync reads from its cursor on the bed's clock.
        bed.Clock.Now = DateTimeOffset.UtcNow;

        // No webhook sink: the portal never hears Braintree's notifications.
        sandbox = await BraintreeSandbox.StartAsync();
        bed.Host.Service<GatewayEndpoints>().Use(GatewayKind.Braintree, sandbox.Host.AddressOf(GatewayKind.Braintree));
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task Sync_ASettledAndDisputedSaleWhoseNotificationsNeverCame_SettlesThePaymentAndRecordsTheDispute()
    {
        var (paymentId, attemptId) = await bed.BraintreeLostReplyAsync(2500);
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(2500), BraintreeTestNonces.Disputed, attemptId: attemptId), CancellationToken.None);
        var transaction = Assert.Single(sandbox.Simulator.ChargesFor(attemptId));
        sandbox.Simulator.Settle(transaction.Id);

        var result = await bed.Host.Service<GatewaySync>().SyncAsync(bed.MerchantId, GatewayKind.Braintree);
        await bed.ProcessAsync();

        Assert.Equal((GatewaySyncOutcome.Synced, 2, 2), (result.Outcome, result.Read, result.Caught));
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal(((Guid?)paymentId, DisputeStatus.NeedsResponse, transaction.Id), (dispute.PaymentId, dispute.Status, dispute.ChargeReference));
        Assert.All(await bed.InboxAsync(), e => Assert.Equal(WebhookInboxStatus.Processed, e.Status));
    }

    [Fact]
    public async Task Sync_TheDisputeDecidedLater_IsCaughtByTheNextRunAndTheSameStateIsNotStoredAgain()
    {
        var (paymentId, attemptId) = await bed.BraintreeLostReplyAsync(2500);
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(2500), BraintreeTestNonces.Disputed, attemptId: attemptId), CancellationToken.None);
        sandbox.Simulator.Settle(Assert.Single(sandbox.Simulator.ChargesFor(attemptId)).Id);
        var sync = bed.Host.Service<GatewaySync>();
        await sync.SyncAsync(bed.MerchantId, GatewayKind.Braintree);
        await bed.ProcessAsync();

        sandbox.Simulator.DecideDispute(Assert.Single(sandbox.Simulator.Disputes()).Id, won: false);
        bed.Clock.Now = DateTimeOffset.UtcNow;
        var second = await sync.SyncAsync(bed.MerchantId, GatewayKind.Braintree);
        await bed.ProcessAsync();

        Assert.Equal((GatewaySyncOutcome.Synced, 2, 1), (second.Outcome, second.Read, second.Caught));
        var dispute = Assert.Single(await DisputesAsync());
        Assert.Equal(((Guid?)paymentId, DisputeStatus.Lost), (dispute.PaymentId, dispute.Status));
        Assert.Equal(3, (await bed.InboxAsync()).Count);
    }

    [Fact]
    public async Task Sync_ASettlementWhoseNotificationDidArrive_IsNotStoredOrCountedAgain()
    {
        var (paymentId, attemptId) = await bed.BraintreeLostReplyAsync(1800);
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(1800), "fake-valid-nonce", attemptId: attemptId), CancellationToken.None);
        var transaction = Assert.Single(sandbox.Simulator.ChargesFor(attemptId));
        sandbox.Simulator.Settle(transaction.Id);
        await bed.DeliverBraintreeAsync(TestEvents.Braintree(
            "transaction_settled", transaction.LegacyId, "sale", BraintreeSandbox.Usd(1800), attemptId.ToString(), bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        var result = await bed.Host.Service<GatewaySync>().SyncAsync(bed.MerchantId, GatewayKind.Braintree);

        Assert.Equal((GatewaySyncOutcome.Synced, 1, 0), (result.Outcome, result.Read, result.Caught));
        var stored = Assert.Single(await bed.InboxAsync());
        Assert.Equal($"transaction_settled:{transaction.LegacyId}:settled", stored.EventId);
        Assert.Equal(PaymentStatus.Succeeded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task Sync_ARefundWhoseReplyWasLostAndWhoseSettlementNoticeNeverCame_SettlesThePortalsRefund()
    {
        var paymentId = await bed.BraintreeCapturedAsync(2500);
        bed.Braintree.RefundAnswer = _ => GatewayResult.Unknown("transport.timeout", "Braintree did not answer in time");
        var requested = await bed.Host.Service<RefundRequests>().RequestAsync(
            await bed.Host.ResolveAsync("admin@demo.local", bed.MerchantId), new NewRefund(paymentId, BraintreeSandbox.Usd(2500), "Returned", Guid.NewGuid().ToString()));
        Assert.True(requested.Succeeded, requested.Error);
        var refundId = requested.Value!.RefundId;
        Assert.Equal(RefundStatus.RequiresReconciliation, (await RefundAsync(refundId)).Status);

        // What Braintree holds: the refund the lost reply was about, made and then settled.
        var saleAttempt = Guid.NewGuid();
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(2500), attemptId: saleAttempt), CancellationToken.None);
        var sale = Assert.Single(sandbox.Simulator.ChargesFor(saleAttempt));
        Assert.True(sandbox.Simulator.Settle(sale.Id));
        var refunded = await sandbox.Gateway().RefundAsync(new RefundRequest(refundId, sale.Id, BraintreeSandbox.Usd(2500), null), CancellationToken.None);
        Assert.True(sandbox.Simulator.Settle(refunded.GatewayReference!));

        var result = await bed.Host.Service<GatewaySync>().SyncAsync(bed.MerchantId, GatewayKind.Braintree);
        await bed.ProcessAsync();

        Assert.Equal(GatewaySyncOutcome.Synced, result.Outcome);
        Assert.Equal(RefundStatus.Succeeded, (await RefundAsync(refundId)).Status);
        Assert.Equal(PaymentStatus.Refunded, (await bed.PaymentAsync(paymentId)).Status);
    }

    [Fact]
    public async Task Sync_ADisbursementWhoseNotificationNeverCame_IsAPaidPayout_AndABankReturnUnderBraintreesIdFailsThatPayout()
    {
        var disbursement = await SettledAndDisbursedAsync(4200);

        var result = await bed.Host.Service<GatewaySync>().SyncAsync(bed.MerchantId, GatewayKind.Braintree);
        await bed.ProcessAsync();

        Assert.Equal((GatewaySyncOutcome.Synced, 2, 2), (result.Outcome, result.Read, result.Caught));
        var paid = Assert.Single(await PayoutsAsync());
        Assert.Equal(
            (GatewayKind.Braintree, $"portal_usd:{disbursement.Date:yyyy-MM-dd}", PayoutStatus.Paid, 4200L, disbursement.Date),
            (paid.Gateway, paid.GatewayReference, paid.Status, paid.AmountMinor, paid.ArrivalDate));

        // Days later the bank sends the money back, and Braintree says so under its own id for the disbursement.
        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement(
            "disbursement_exception", disbursement.Id, disbursement.Amount, disbursement.Date, bed.Clock.GetUtcNow().AddDays(2), exception: "bank_rejected"));
        await bed.ProcessAsync();

        var failed = Assert.Single(await PayoutsAsync());
        Assert.Equal((paid.Id, paid.GatewayReference, PayoutStatus.Failed, "bank_rejected"), (failed.Id, failed.GatewayReference, failed.Status, failed.FailureCode));
    }

    [Fact]
    public async Task Sync_ADisbursementWhoseNotificationDidArrive_IsNotCountedAndThePayoutKeepsBraintreesId()
    {
        var disbursement = await SettledAndDisbursedAsync(4200);
        await bed.DeliverBraintreeAsync(BraintreeTestNotifications.Disbursement(
            "disbursement", disbursement.Id, disbursement.Amount, disbursement.Date, bed.Clock.GetUtcNow()));
        await bed.ProcessAsync();

        var result = await bed.Host.Service<GatewaySync>().SyncAsync(bed.MerchantId, GatewayKind.Braintree);
        await bed.ProcessAsync();

        // Only the settlement's notification went missing.
        Assert.Equal((GatewaySyncOutcome.Synced, 2, 1), (result.Outcome, result.Read, result.Caught));
        var payout = Assert.Single(await PayoutsAsync());
        Assert.Equal((disbursement.Id, PayoutStatus.Paid, 4200L), (payout.GatewayReference, payout.Status, payout.AmountMinor));
        Assert.Equal(2, (await bed.InboxAsync()).Count);
    }

    // A sale made at Braintree directly (the portal hears of none of it), settled and paid out today.
    private async Task<BraintreeSimulatedDisbursement> SettledAndDisbursedAsync(long cents)
    {
        var attemptId = Guid.NewGuid();
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(cents), attemptId: attemptId), CancellationToken.None);
        Assert.True(sandbox.Simulator.Settle(Assert.Single(sandbox.Simulator.ChargesFor(attemptId)).Id));
        return sandbox.Simulator.Disburse()!;
    }

    private async Task<List<Payout>> PayoutsAsync()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.Payouts.AsNoTracking().ToListAsync();
    }

    private async Task<Refund> RefundAsync(Guid id)
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<List<Dispute>> DisputesAsync()
    {
        await using var db = bed.Host.Context(bed.MerchantId);
        return await db.Disputes.AsNoTracking().ToListAsync();
    }
}
