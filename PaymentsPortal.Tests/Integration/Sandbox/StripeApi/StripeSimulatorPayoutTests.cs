using System.Net;
using PaymentsPortal.Sandbox.Stripe;
using Stripe;

namespace PaymentsPortal.Tests.Integration.Sandbox.StripeApi;

/// <summary>Payouts of the simulated balance: the schedule's (PayOut), a bank's return (FailPayout) and /v1/payouts, through Stripe.net.</summary>
[Trait("Tier", "Integration")]
public sealed class StripeSimulatorPayoutTests : IAsyncLifetime
{
    private StripeApiSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await StripeApiSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task PayOut_AfterARefund_PaysTheNetAmountWithPayoutCreatedThenPaid()
    {
        var refunded = await sandbox.PayAsync(StripeTestCards.Visa, 5000);
        await sandbox.PayAsync(StripeTestCards.Visa, 3000);
        await sandbox.PayAsync(StripeTestCards.Visa, 9000, capture: false);
        await sandbox.PayAsync(StripeTestCards.Visa, 7000, currency: "eur");
        await sandbox.PayAsync(StripeTestCards.Visa, 8000, StripeApiSandbox.AccountB);
        await new RefundService(sandbox.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = refunded.Id, Amount = 1000 }, StripeApiSandbox.Key());
        var created = sandbox.NowUnix;

        var payoutId = sandbox.Simulator.PayOut(StripeApiSandbox.AccountA, "USD");

        Assert.NotNull(payoutId);
        var events = await sandbox.AllEventsAsync(new EventListOptions { Type = "payout.*" });
        Assert.Equal(["payout.paid", "payout.created"], events.Select(e => e.Type));
        var paid = Assert.IsType<Payout>(events[0].Data.Object);
        var pending = Assert.IsType<Payout>(events[1].Data.Object);
        Assert.Equal((payoutId, 7000L, "usd", "paid"), (paid.Id, paid.Amount, paid.Currency, paid.Status));
        Assert.Equal((payoutId, "pending"), (pending.Id, pending.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(created + (2 * 24 * 3600)).UtcDateTime, paid.ArrivalDate);
        Assert.Equal(("standard", "bank_account", true, "STRIPE PAYOUT"), (paid.Method, paid.Type, paid.Automatic, paid.Description));
        Assert.StartsWith("ba_", paid.DestinationId, StringComparison.Ordinal);
        Assert.Null(paid.FailureCode);
        Assert.Equal(["payout.created", "payout.paid"], sandbox.Webhooks.TypesFor(StripeApiSandbox.AccountA).TakeLast(2));

        // Everything is paid out now; the other currency and the other account keep theirs.
        Assert.Null(sandbox.Simulator.PayOut(StripeApiSandbox.AccountA, "usd"));
        Assert.Equal(7000, sandbox.Simulator.BalanceOf(StripeApiSandbox.AccountA, "eur"));
        Assert.Equal(8000, sandbox.Simulator.BalanceOf(StripeApiSandbox.AccountB, "usd"));
    }

    [Fact]
    public async Task PayOut_OpenOrLostDispute_HoldsTheDisputedAmountBackAndAWonOneReleasesIt()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 5000);
        var lost = await sandbox.PayAsync(StripeTestCards.CreateDispute, 1000);
        var won = await sandbox.PayAsync(StripeTestCards.CreateDispute, 2000);
        var disputes = await new DisputeService(sandbox.Client()).ListAsync(new DisputeListOptions());
        Assert.Equal(5000, sandbox.Simulator.BalanceOf(StripeApiSandbox.AccountA, "usd"));

        sandbox.Simulator.CloseDispute(StripeApiSandbox.AccountA, disputes.Single(d => d.PaymentIntentId == lost.Id).Id, won: false);
        sandbox.Simulator.CloseDispute(StripeApiSandbox.AccountA, disputes.Single(d => d.PaymentIntentId == won.Id).Id, won: true);
        var payoutId = sandbox.Simulator.PayOut(StripeApiSandbox.AccountA, "usd");

        Assert.Equal(7000, (await new PayoutService(sandbox.Client()).GetAsync(payoutId)).Amount);
    }

    [Fact]
    public async Task FailPayout_Paid_EmitsPayoutFailedAndTheMoneyIsBackInTheBalance()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 5000);
        var payoutId = sandbox.Simulator.PayOut(StripeApiSandbox.AccountA, "usd")!;

        Assert.True(sandbox.Simulator.FailPayout(StripeApiSandbox.AccountA, payoutId, "account_closed"));
        Assert.False(sandbox.Simulator.FailPayout(StripeApiSandbox.AccountA, payoutId, "account_closed"));
        Assert.False(sandbox.Simulator.FailPayout(StripeApiSandbox.AccountB, payoutId, "account_closed"));

        var failed = Assert.Single(await sandbox.AllEventsAsync(new EventListOptions { Type = "payout.failed" }));
        var payout = Assert.IsType<Payout>(failed.Data.Object);
        Assert.Equal((payoutId, "failed", "account_closed"), (payout.Id, payout.Status, payout.FailureCode));
        Assert.Equal("The bank account has been closed.", payout.FailureMessage);
        Assert.Equal("failed", (await new PayoutService(sandbox.Client()).GetAsync(payoutId)).Status);
        Assert.Equal(5000, sandbox.Simulator.BalanceOf(StripeApiSandbox.AccountA, "usd"));
        Assert.Equal("payout.failed", sandbox.Webhooks.TypesFor(StripeApiSandbox.AccountA)[^1]);
    }

    [Fact]
    public async Task Create_WithinTheBalance_IsAManualPayoutReplayedForItsKeyAndPaidAfterwards()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 5000);
        var payouts = new PayoutService(sandbox.Client());
        var options = new PayoutCreateOptions { Amount = 1200, Currency = "usd", Description = "Weekly sweep", Metadata = new() { ["run"] = "7" } };
        var key = StripeApiSandbox.Key();

        var created = await payouts.CreateAsync(options, key);
        var replayed = await payouts.CreateAsync(options, key);

        Assert.Equal((1200L, "pending", false, "Weekly sweep"), (created.Amount, created.Status, created.Automatic, created.Description));
        Assert.Equal(created.Id, replayed.Id);
        Assert.Equal("7", created.Metadata["run"]);
        Assert.Equal("paid", (await payouts.GetAsync(created.Id)).Status);
        Assert.Equal(3800, sandbox.Simulator.BalanceOf(StripeApiSandbox.AccountA, "usd"));
    }

    [Fact]
    public async Task Create_OverTheBalance_IsBalanceInsufficientAndPaysNothing()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 5000);
        var payouts = new PayoutService(sandbox.Client());

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            payouts.CreateAsync(new PayoutCreateOptions { Amount = 5001, Currency = "usd" }, StripeApiSandbox.Key()));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "balance_insufficient"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Code));
        Assert.Empty(await payouts.ListAsync(new PayoutListOptions()));
        Assert.Empty(await sandbox.AllEventsAsync(new EventListOptions { Type = "payout.*" }));
    }

    [Fact]
    public async Task List_PagesNewestFirstAndFiltersByStatus()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 9000);
        var payouts = new PayoutService(sandbox.Client());
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add((await payouts.CreateAsync(new PayoutCreateOptions { Amount = 1000 * i, Currency = "usd" }, StripeApiSandbox.Key())).Id);
        }

        sandbox.Simulator.FailPayout(StripeApiSandbox.AccountA, ids[1], "no_account");

        var first = await payouts.ListAsync(new PayoutListOptions { Limit = 2 });
        var second = await payouts.ListAsync(new PayoutListOptions { Limit = 2, StartingAfter = first.Data[^1].Id });
        var failed = await payouts.ListAsync(new PayoutListOptions { Status = "failed" });

        Assert.Equal([ids[2], ids[1]], first.Data.Select(p => p.Id));
        Assert.True(first.HasMore);
        Assert.Equal([ids[0]], second.Data.Select(p => p.Id));
        Assert.False(second.HasMore);
        Assert.Equal(ids[1], Assert.Single(failed.Data).Id);
        Assert.Empty(await new PayoutService(sandbox.Client(StripeApiSandbox.AccountB)).ListAsync(new PayoutListOptions()));
    }
}
