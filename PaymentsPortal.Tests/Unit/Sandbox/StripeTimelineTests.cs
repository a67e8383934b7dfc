using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Tests.Unit.Sandbox;

/// <summary>The ordered store behind the simulator's lists: created, then the order things were made in, whatever the clock did.</summary>
[Trait("Tier", "Unit")]
public sealed class StripeTimelineTests
{
    [Fact]
    public void Add_ClockSteppedBack_KeepsCreatedThenSequenceOrderAndFindsEveryPosition()
    {
        var timeline = new StripeTimeline<RetainedEvent>();

        timeline.Add(Event("evt_a", created: 100, sequence: 1));
        timeline.Add(Event("evt_b", created: 100, sequence: 2));
        timeline.Add(Event("evt_c", created: 90, sequence: 3));
        timeline.Add(Event("evt_d", created: 100, sequence: 4));

        Assert.Equal(["evt_c", "evt_a", "evt_b", "evt_d"], timeline.Items.Select(item => item.Id));
        Assert.Equal([0, 1, 2, 3], timeline.Items.Select(item => timeline.IndexOf(item.Id)));
        Assert.Equal(-1, timeline.IndexOf("evt_unknown"));
    }

    [Fact]
    public void TrimTo_MoreThanKept_ForgetsTheOldestAndTheirIds()
    {
        var timeline = new StripeTimeline<RetainedEvent>();
        for (var i = 0; i < 10; i++)
        {
            timeline.Add(Event($"evt_{i}", created: 100 + i, sequence: i));
        }

        timeline.TrimTo(4);

        Assert.Equal(["evt_6", "evt_7", "evt_8", "evt_9"], timeline.Items.Select(item => item.Id));
        Assert.Null(timeline.Find("evt_5"));
        Assert.Equal(-1, timeline.IndexOf("evt_0"));
        Assert.Equal(0, timeline.IndexOf("evt_6"));
    }

    private static RetainedEvent Event(string id, long created, long sequence) => new(id, created, sequence, "payout.paid", "{}");
}
