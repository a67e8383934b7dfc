using System.Net;
using PaymentsPortal.Sandbox.Stripe;
using Stripe;

namespace PaymentsPortal.Tests.Integration.Sandbox.StripeApi;

/// <summary>GET /v1/events and /v1/events/{id} through Stripe.net, as the gateway sync job pages through them.</summary>
[Trait("Tier", "Integration")]
public sealed class StripeSimulatorEventListTests : IAsyncLifetime
{
    private StripeApiSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await StripeApiSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task ListAutoPaging_TypesAndCreatedSince_ReturnsEveryMatchingEventNewestFirstOverSeveralPages()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 999);
        sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var since = sandbox.Clock.Now;
        var intents = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            intents.Add((await sandbox.PayAsync(StripeTestCards.Visa, 100 + i)).Id);
            if (i % 10 == 9)
            {
                sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var events = await sandbox.AllEventsAsync(new EventListOptions
        {
            Types = ["payment_intent.succeeded", "charge.refunded"],
            Created = new DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime },
            Limit = 100,
        });

        Assert.All(events, stripeEvent => Assert.Equal("payment_intent.succeeded", stripeEvent.Type));
        Assert.Equal(intents.AsEnumerable().Reverse(), events.Select(stripeEvent => ((PaymentIntent)stripeEvent.Data.Object).Id));
        Assert.Equal(events.Count, events.Select(stripeEvent => stripeEvent.Id).Distinct().Count());
    }

    [Fact]
    public async Task List_StartingAfterAndEndingBefore_PageThroughTheSameOrderWithHasMore()
    {
        for (var i = 0; i < 7; i++)
        {
            await sandbox.PayAsync(StripeTestCards.Visa, 500 + i);
        }

        var service = new EventService(sandbox.Client());
        var all = await service.ListAsync(new EventListOptions { Limit = 100 });
        var first = await service.ListAsync(new EventListOptions { Limit = 5 });
        var second = await service.ListAsync(new EventListOptions { Limit = 5, StartingAfter = first.Data[^1].Id });
        var third = await service.ListAsync(new EventListOptions { Limit = 5, StartingAfter = second.Data[^1].Id });
        var back = await service.ListAsync(new EventListOptions { Limit = 5, EndingBefore = second.Data[0].Id });

        Assert.Equal((14, false), (all.Data.Count, all.HasMore));
        Assert.Equal((5, true), (first.Data.Count, first.HasMore));
        Assert.Equal((5, true), (second.Data.Count, second.HasMore));
        Assert.Equal((4, false), (third.Data.Count, third.HasMore));
        Assert.Equal(all.Data.Select(e => e.Id), first.Data.Concat(second.Data).Concat(third.Data).Select(e => e.Id));
        Assert.Equal(first.Data.Select(e => e.Id), back.Data.Select(e => e.Id));
        Assert.False(back.HasMore);
        Assert.Equal("/v1/events", all.Url);

        // All in one second: emission order decides, so a payment's success comes before (newer than) its creation.
        Assert.Equal(["payment_intent.succeeded", "payment_intent.created"], all.Data.Take(2).Select(e => e.Type));
    }

    [Fact]
    public async Task List_TypeWithWildcardOrExactOrTypes_MatchesAsStripeDoes()
    {
        var disputed = await sandbox.PayAsync(StripeTestCards.CreateDispute, 2500);
        await sandbox.PayAsync(StripeTestCards.Visa, 1000);
        var dispute = Assert.Single(await new DisputeService(sandbox.Client()).ListAsync(new DisputeListOptions { PaymentIntent = disputed.Id }));
        Assert.True(sandbox.Simulator.CloseDispute(StripeApiSandbox.AccountA, dispute.Id, won: false));

        var group = await sandbox.AllEventsAsync(new EventListOptions { Type = "charge.dispute.*" });
        var exact = await sandbox.AllEventsAsync(new EventListOptions { Type = "payment_intent.created" });
        var several = await sandbox.AllEventsAsync(new EventListOptions { Types = ["charge.dispute.created", "payment_intent.created"] });
        var everything = await sandbox.AllEventsAsync(new EventListOptions { Type = "*" });

        Assert.Equal(["charge.dispute.closed", "charge.dispute.created"], group.Select(e => e.Type));
        Assert.Equal(2, exact.Count);
        Assert.All(exact, e => Assert.Equal("payment_intent.created", e.Type));
        Assert.Equal(["payment_intent.created", "charge.dispute.created", "payment_intent.created"], several.Select(e => e.Type));
        Assert.Equal(6, everything.Count);
    }

    [Fact]
    public async Task List_CreatedBounds_KeepOnlyEventsInTheRange()
    {
        var t0 = sandbox.Clock.Now;
        await sandbox.PayAsync(StripeTestCards.Visa, 100);
        sandbox.Clock.Advance(TimeSpan.FromSeconds(10));
        var t1 = sandbox.Clock.Now;
        var middle = await sandbox.PayAsync(StripeTestCards.Visa, 200);
        sandbox.Clock.Advance(TimeSpan.FromSeconds(10));
        await sandbox.PayAsync(StripeTestCards.Visa, 300);

        async Task<List<long>> AmountsAsync(EventListOptions options) =>
            (await sandbox.AllEventsAsync(options)).Where(e => e.Type == "payment_intent.created").Select(e => ((PaymentIntent)e.Data.Object).Amount).ToList();

        Assert.Equal([300L, 200L], await AmountsAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = t1.UtcDateTime } }));
        Assert.Equal([300L], await AmountsAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThan = t1.UtcDateTime } }));
        Assert.Equal([100L], await AmountsAsync(new EventListOptions { Created = new DateRangeOptions { LessThan = t1.UtcDateTime } }));
        Assert.Equal([200L, 100L], await AmountsAsync(new EventListOptions { Created = new DateRangeOptions { LessThanOrEqual = t1.UtcDateTime } }));
        Assert.Equal([200L], await AmountsAsync(new EventListOptions { Created = t1.UtcDateTime }));
        Assert.Equal([200L], await AmountsAsync(new EventListOptions
        {
            Created = new DateRangeOptions { GreaterThan = t0.UtcDateTime, LessThan = t1.AddSeconds(10).UtcDateTime },
        }));
        Assert.Equal(t1.UtcDateTime, middle.Created);
    }

    [Fact]
    public async Task List_AnotherAccount_SeesOnlyItsOwnEventsAndCannotUseTheOthersIds()
    {
        await sandbox.PayAsync(StripeTestCards.Visa, 100, StripeApiSandbox.AccountA);
        await sandbox.PayAsync(StripeTestCards.Visa, 200, StripeApiSandbox.AccountA);
        var theirs = await sandbox.PayAsync(StripeTestCards.Visa, 300, StripeApiSandbox.AccountB);

        var eventsOfA = await sandbox.AllEventsAsync(new EventListOptions(), StripeApiSandbox.AccountA);
        var eventsOfB = await sandbox.AllEventsAsync(new EventListOptions(), StripeApiSandbox.AccountB);
        var serviceOfB = new EventService(sandbox.Client(StripeApiSandbox.AccountB));
        var notFound = await Assert.ThrowsAsync<StripeException>(() => serviceOfB.GetAsync(eventsOfA[0].Id));
        var badCursor = await Assert.ThrowsAsync<StripeException>(() => serviceOfB.ListAsync(new EventListOptions { StartingAfter = eventsOfA[0].Id }));

        Assert.Equal(4, eventsOfA.Count);
        Assert.Equal(2, eventsOfB.Count);
        Assert.All(eventsOfB, e => Assert.Equal(theirs.Id, ((PaymentIntent)e.Data.Object).Id));
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (notFound.HttpStatusCode, notFound.StripeError.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "resource_missing", "starting_after"), (badCursor.HttpStatusCode, badCursor.StripeError.Code, badCursor.StripeError.Param));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task List_LimitOutOfRange_IsAnInvalidRequest(long limit)
    {
        var service = new EventService(sandbox.Client());

        var error = await Assert.ThrowsAsync<StripeException>(() => service.ListAsync(new EventListOptions { Limit = limit }));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "limit"), (error.HttpStatusCode, error.StripeError.Type, error.StripeError.Param));
    }

    [Fact]
    public async Task List_MoreThanTwentyTypesOrTypeWithTypes_IsAnInvalidRequest()
    {
        var service = new EventService(sandbox.Client());

        var tooMany = await Assert.ThrowsAsync<StripeException>(() => service.ListAsync(new EventListOptions
        {
            Types = Enumerable.Range(0, 21).Select(i => $"type.{i}").ToList(),
        }));
        var both = await Assert.ThrowsAsync<StripeException>(() => service.ListAsync(new EventListOptions { Type = "payout.paid", Types = ["payout.failed"] }));

        Assert.Equal((HttpStatusCode.BadRequest, "types"), (tooMany.HttpStatusCode, tooMany.StripeError.Param));
        Assert.Equal(HttpStatusCode.BadRequest, both.HttpStatusCode);
    }

    [Fact]
    public async Task Get_ListedEvent_IsTheSameEventAsTheWebhookCarried()
    {
        var intent = await sandbox.PayAsync(StripeTestCards.Visa, 4200);
        var listed = (await sandbox.AllEventsAsync(new EventListOptions { Type = "payment_intent.succeeded" })).Single();

        var fetched = await new EventService(sandbox.Client()).GetAsync(listed.Id);

        Assert.Equal(("payment_intent.succeeded", intent.Id), (fetched.Type, ((PaymentIntent)fetched.Data.Object).Id));
        var webhook = sandbox.Webhooks.Published.Single(w => w.EventType == "payment_intent.succeeded");
        Assert.Contains($"\"id\":\"{listed.Id}\"", webhook.Body, StringComparison.Ordinal);
    }
}
