using System.Net;
using PaymentsPortal.Sandbox.Stripe;
using Stripe;

namespace PaymentsPortal.Tests.Integration.Sandbox.StripeApi;

/// <summary>Stripe's disputing test card, the dispute events and /v1/disputes, through Stripe.net.</summary>
[Trait("Tier", "Integration")]
public sealed class StripeSimulatorDisputeTests : IAsyncLifetime
{
    private StripeApiSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await StripeApiSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Pay_CreateDisputeCard_SucceedsThenEmitsChargeDisputeCreatedWithTheDispute()
    {
        var attemptId = Guid.NewGuid();
        var created = sandbox.NowUnix;

        var intent = await sandbox.PayAsync(StripeTestCards.CreateDispute, 2500, attemptId: attemptId);

        Assert.Equal("succeeded", intent.Status);
        var stripeEvent = Assert.Single(await sandbox.AllEventsAsync(new EventListOptions { Types = ["charge.dispute.created"] }));
        var dispute = Assert.IsType<Dispute>(stripeEvent.Data.Object);
        Assert.StartsWith("dp_", dispute.Id, StringComparison.Ordinal);
        Assert.Equal((2500L, "usd", "needs_response", "fraudulent"), (dispute.Amount, dispute.Currency, dispute.Status, dispute.Reason));
        Assert.Equal((intent.Id, intent.LatestChargeId), (dispute.PaymentIntentId, dispute.ChargeId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(created + (7 * 24 * 3600)).UtcDateTime, dispute.EvidenceDetails.DueBy);
        Assert.Equal((false, false, 0L), (dispute.EvidenceDetails.HasEvidence, dispute.EvidenceDetails.PastDue, dispute.EvidenceDetails.SubmissionCount));
        Assert.False(dispute.IsChargeRefundable);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(created).UtcDateTime, dispute.Created);

        var simulated = Assert.Single(sandbox.Simulator.DisputesFor(attemptId));
        Assert.Equal((dispute.Id, "needs_response"), (simulated.DisputeId, simulated.Status));
        var expanded = await new PaymentIntentService(sandbox.Client()).GetAsync(intent.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.True(expanded.LatestCharge.Disputed);
        Assert.Equal(
            ["payment_intent.created", "payment_intent.succeeded", "charge.dispute.created"],
            sandbox.Webhooks.TypesFor(StripeApiSandbox.AccountA));
    }

    [Fact]
    public async Task Capture_ManualCaptureOfCreateDisputeCard_DisputesOnlyOnceCaptured()
    {
        var attemptId = Guid.NewGuid();
        var intent = await sandbox.PayAsync(StripeTestCards.CreateDispute, 4000, capture: false, attemptId: attemptId);
        Assert.Empty(sandbox.Simulator.DisputesFor(attemptId));

        await new PaymentIntentService(sandbox.Client()).CaptureAsync(intent.Id, new PaymentIntentCaptureOptions { AmountToCapture = 3000 }, StripeApiSandbox.Key());

        var dispute = Assert.Single(sandbox.Simulator.DisputesFor(attemptId));
        Assert.Equal(3000, dispute.Amount);
    }

    [Theory]
    [InlineData(true, "won")]
    [InlineData(false, "lost")]
    public async Task CloseDispute_Decided_EmitsChargeDisputeClosedOnceAndRetrieveShowsIt(bool won, string status)
    {
        var intent = await sandbox.PayAsync(StripeTestCards.CreateDispute, 2500);
        var disputes = new DisputeService(sandbox.Client());
        var dispute = Assert.Single(await disputes.ListAsync(new DisputeListOptions { PaymentIntent = intent.Id }));

        Assert.True(sandbox.Simulator.CloseDispute(StripeApiSandbox.AccountA, dispute.Id, won));
        Assert.False(sandbox.Simulator.CloseDispute(StripeApiSandbox.AccountA, dispute.Id, won));
        Assert.False(sandbox.Simulator.CloseDispute(StripeApiSandbox.AccountB, dispute.Id, won));

        var closed = Assert.Single(await sandbox.AllEventsAsync(new EventListOptions { Type = "charge.dispute.closed" }));
        Assert.Equal((dispute.Id, status), (((Dispute)closed.Data.Object).Id, ((Dispute)closed.Data.Object).Status));
        Assert.Equal(status, (await disputes.GetAsync(dispute.Id)).Status);
        Assert.Equal("charge.dispute.closed", sandbox.Webhooks.TypesFor(StripeApiSandbox.AccountA)[^1]);
    }

    [Fact]
    public async Task List_Filters_ByPaymentIntentChargeAndAccountNewestFirst()
    {
        var first = await sandbox.PayAsync(StripeTestCards.CreateDispute, 100);
        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await sandbox.PayAsync(StripeTestCards.CreateDispute, 200);
        await sandbox.PayAsync(StripeTestCards.Visa, 300);
        await sandbox.PayAsync(StripeTestCards.CreateDispute, 400, StripeApiSandbox.AccountB);
        var disputes = new DisputeService(sandbox.Client());

        var all = await disputes.ListAsync(new DisputeListOptions());
        var byCharge = await disputes.ListAsync(new DisputeListOptions { Charge = first.LatestChargeId });
        var page = await disputes.ListAsync(new DisputeListOptions { Limit = 1 });
        var next = await disputes.ListAsync(new DisputeListOptions { Limit = 1, StartingAfter = page.Data[0].Id });
        var since = await disputes.ListAsync(new DisputeListOptions { Created = new DateRangeOptions { GreaterThan = first.Created } });

        Assert.Equal([200L, 100L], all.Data.Select(d => d.Amount));
        Assert.Equal(first.Id, Assert.Single(byCharge.Data).PaymentIntentId);
        Assert.Equal((second.Id, true), (Assert.Single(page.Data).PaymentIntentId, page.HasMore));
        Assert.Equal((first.Id, false), (Assert.Single(next.Data).PaymentIntentId, next.HasMore));
        Assert.Equal(second.Id, Assert.Single(since.Data).PaymentIntentId);
        var missing = await Assert.ThrowsAsync<StripeException>(() => new DisputeService(sandbox.Client(StripeApiSandbox.AccountB)).GetAsync(all.Data[0].Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
    }

    [Fact]
    public async Task Refund_DisputedCharge_IsRefused()
    {
        var intent = await sandbox.PayAsync(StripeTestCards.CreateDispute, 2500);

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            new RefundService(sandbox.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id }, StripeApiSandbox.Key()));

        Assert.Equal((HttpStatusCode.BadRequest, "charge_disputed"), (error.HttpStatusCode, error.StripeError.Code));
    }
}
