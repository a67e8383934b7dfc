namespace PaymentsPortal.Core.Webhooks.Inbound;

/// <summary>Section <c>Webhooks:Inbound</c>.</summary>
public sealed class InboundWebhookOptions
{
    public const string Section = "Webhooks:Inbound";

    /// <summary>
    /// The least the database procedure accepts: the gateway sync reads up to 29 days back, and an event it reads must still be
    /// in the inbox to be recognised as one already applied.
    /// </summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromDays(35);

    /// <summary>How long processed and ignored events are kept; their effects stay in the audit trail for good.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
