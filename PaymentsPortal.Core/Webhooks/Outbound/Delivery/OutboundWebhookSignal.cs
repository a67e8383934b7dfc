using PaymentsPortal.Core.Common;

namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>"An event or a replay is waiting", from the LISTEN connection (or this instance's own writes) to its dispatcher.</summary>
public sealed class OutboundWebhookSignal : WakeSignal
{
    /// <summary>The channel notified by the trigger on webhook_events and by a replay, in their transactions (so at commit).</summary>
    public const string Channel = "webhook_events";
}
