namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>
/// When to try a failed delivery again: the first retry after <see cref="OutboundWebhookOptions.FirstRetryDelay"/>, doubling each
/// time up to <see cref="OutboundWebhookOptions.MaxRetryDelay"/>, with up to 10% added at random so deliveries that failed
/// together (a receiver's outage) do not all come back in the same second. Null once the next try would fall outside the retry
/// window: the delivery is then given up. With the defaults that is about 15 attempts over 3 days.
/// </summary>
public static class WebhookRetrySchedule
{
    public static DateTimeOffset? Next(int failures, DateTimeOffset windowStart, DateTimeOffset now, OutboundWebhookOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(options.FirstRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks));
        var next = now + delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.1 * Math.Clamp(jitter, 0, 1)));
        return next <= windowStart + options.RetryWindow ? next : null;
    }
}
