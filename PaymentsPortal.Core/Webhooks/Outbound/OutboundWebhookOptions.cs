namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>How outbound webhooks are delivered (section <c>Webhooks:Outbound</c>).</summary>
public sealed class OutboundWebhookOptions
{
    public const string Section = "Webhooks:Outbound";

    /// <summary>How long one attempt may take, connection included, before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; it doubles after each later one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Retries stop once this long has passed since the delivery was made (or replayed); it is then Failed.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How many requests one instance has in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>If LISTEN misses a notification (a dropped connection), the dispatcher still looks this often.</summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long after a rotation the old secret still signs, unless the Admin ends it at once.</summary>
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Events, deliveries and attempts older than this are removed by the webhook-retention job.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The lease a claimed delivery holds: longer than an attempt can take, so only a dead instance's lease lapses.</summary>
    public TimeSpan Lease => AttemptTimeout + TimeSpan.FromSeconds(60);
}
