using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Webhooks.Inbound.Braintree;
using PaymentsPortal.Core.Webhooks.Inbound.Intake;
using PaymentsPortal.Sandbox.Braintree;

namespace PaymentsPortal.Tests.Integration.Gateways.Braintree;

/// <summary>
/// The simulator's dispute card and disbursements: a sale on the card is disputed once it settles, a test decides the dispute, and a
/// disbursement pays out the settled total; each sends the notification Braintree would, which the portal's own parsers read.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class BraintreeSimulatorDisputeTests : IAsyncLifetime
{
    private readonly RecordingWebhookSink sink = new();
    private BraintreeSandbox sandbox = default!;

    public async Task InitializeAsync() => sandbox = await BraintreeSandbox.StartAsync(webhooks: sink);

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task DisputeCard_SettledThenDecided_SendsOpenedThenWon()
    {
        var attemptId = Guid.NewGuid();
        var charged = await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(2500), BraintreeTestNonces.Disputed, attemptId: attemptId), CancellationToken.None);
        var transaction = Assert.Single(sandbox.Simulator.ChargesFor(attemptId));

        Assert.Empty(sandbox.Simulator.Disputes());
        Assert.True(sandbox.Simulator.Settle(transaction.Id));
        var dispute = Assert.Single(sandbox.Simulator.Disputes());
        var decided = sandbox.Simulator.DecideDispute(dispute.Id, won: true);

        Assert.Equal(GatewayOutcome.Succeeded, charged.Outcome);
        Assert.Equal(("WON", 2500L), (decided!.Status, decided.Amount.MinorUnits));
        Assert.Null(sandbox.Simulator.DecideDispute(dispute.Id, won: false));
        Assert.Equal(["transaction_settled", "dispute_opened", "dispute_won"], sink.Published.Select(w => w.EventType));
        var opened = BraintreeNotificationDispute.From(sink.Published[1].Body)!;
        var won = BraintreeNotificationDispute.From(sink.Published[2].Body)!;
        Assert.Equal(
            (dispute.LegacyId, "open", transaction.LegacyId, attemptId.ToString(), 2500L, "fraud"),
            (opened.Id, opened.Status, opened.TransactionLegacyId, opened.TransactionOrderId, opened.Amount!.Value.MinorUnits, opened.Reason));
        Assert.Equal("won", won.Status);
        Assert.True(BraintreeWebhookVerifier.TryReadEnvelope(sink.Published[2].Body, out var kind, out var timestamp));
        Assert.Equal("dispute_won", kind);
        Assert.NotNull(timestamp);
    }

    [Fact]
    public async Task AnOrdinaryCard_IsNeverDisputed()
    {
        var attemptId = Guid.NewGuid();
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(1000), attemptId: attemptId), CancellationToken.None);

        sandbox.Simulator.Settle(sandbox.Simulator.ChargesFor(attemptId)[0].Id);

        Assert.Empty(sandbox.Simulator.Disputes());
        Assert.Equal(["transaction_settled"], sink.Published.Select(w => w.EventType));
    }

    [Fact]
    public async Task Disburse_PaysOutTheSettledTotalOnceAndSendsADisbursement()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var unsettled = Guid.NewGuid();
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(1000), attemptId: first), CancellationToken.None);
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(2550), attemptId: second), CancellationToken.None);
        await sandbox.Gateway().AuthorizeAsync(BraintreeSandbox.Charge(BraintreeSandbox.Usd(999), attemptId: unsettled), CancellationToken.None);
        sandbox.Simulator.Settle(sandbox.Simulator.ChargesFor(first)[0].Id);
        sandbox.Simulator.Settle(sandbox.Simulator.ChargesFor(second)[0].Id);

        var disbursement = sandbox.Simulator.Disburse();
        var again = sandbox.Simulator.Disburse();

        Assert.Equal(3550L, disbursement!.Amount.MinorUnits);
        Assert.Null(again);
        var notice = BraintreeNotificationDisbursement.From(sink.Published.Single(w => w.EventType == "disbursement").Body)!;
        Assert.Equal(
            (disbursement.Id, 3550L, "USD", true, (DateTimeOffset?)disbursement.Date),
            (notice.Id, notice.Amount!.Value.MinorUnits, notice.CurrencyCode, notice.Success, notice.DisbursementDate));
    }
}
