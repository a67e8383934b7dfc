using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Components.Pages.Webhooks;

public sealed partial class WebhookDeliveryAttempts
{
    // In C#, so the build's exhaustiveness rule (CS8509) names any trigger added without words.
    public static string TriggerText(WebhookAttemptTrigger trigger) => trigger switch
    {
        WebhookAttemptTrigger.Scheduled => "Scheduled",
        WebhookAttemptTrigger.Replay => "Replay (resent by an Admin)",
    };
}
