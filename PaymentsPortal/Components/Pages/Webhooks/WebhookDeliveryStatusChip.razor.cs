using MudBlazor;
using PaymentsPortal.Core.Webhooks.Outbound;

namespace PaymentsPortal.Components.Pages.Webhooks;

public sealed partial class WebhookDeliveryStatusChip
{
    // In C#, so the build's exhaustiveness rule (CS8509) names any status added without a colour or a word.
    public static Color ColorOf(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => Color.Info,
        WebhookDeliveryStatus.Delivered => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Error,
        WebhookDeliveryStatus.Canceled => Color.Default,
    };

    public static string TextOf(WebhookDeliveryStatus status, int attempts) => status switch
    {
        WebhookDeliveryStatus.Pending => attempts == 0 ? "Pending" : "Retrying",
        WebhookDeliveryStatus.Delivered => "Delivered",
        WebhookDeliveryStatus.Failed => "Failed",
        WebhookDeliveryStatus.Canceled => "Canceled",
    };
}
