using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;

namespace PaymentsPortal.Tests.Unit.Webhooks.Outbound;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly OutboundWebhookOptions Defaults = new();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 512)]
    [InlineData(11, 720)]
    [InlineData(40, 720)]
    public void Delay_DoublesFromTheFirstAndIsCapped(int failures, double minutes)
    {
        Assert.Equal(Start.AddMinutes(minutes), WebhookRetrySchedule.Next(failures, Start, Start, Defaults, jitter: 0));
    }

    [Fact]
    public void Jitter_AddsAtMostATenth()
    {
        Assert.Equal(Start.AddMinutes(4.4), WebhookRetrySchedule.Next(3, Start, Start, Defaults, jitter: 1));
        Assert.Equal(Start.AddMinutes(4.4), WebhookRetrySchedule.Next(3, Start, Start, Defaults, jitter: 7));
    }

    [Fact]
    public void PastTheRetryWindow_ThereIsNoNextAttempt()
    {
        var late = Start + Defaults.RetryWindow - TimeSpan.FromHours(1);

        Assert.Null(WebhookRetrySchedule.Next(15, Start, late, Defaults, jitter: 0));
        Assert.NotNull(WebhookRetrySchedule.Next(1, Start, late, Defaults, jitter: 0));
    }

    [Fact]
    public void WithTheDefaults_AboutFifteenAttemptsFitInThreeDays()
    {
        var (now, failures) = (Start, 0);
        while (WebhookRetrySchedule.Next(++failures, Start, now, Defaults, jitter: 0) is { } next)
        {
            now = next;
        }

        Assert.InRange(failures, 14, 16);
    }
}
