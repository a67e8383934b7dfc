using MudBlazor;
using PaymentsPortal.Core.Webhooks.Inbound;

namespace PaymentsPortal.Components.Pages.Webhooks.Received;

public sealed partial class ReceivedWebhookStatusChip
{
    // In C#, so the build's exhaustiveness rule (CS8509) names any status added without a colour or a word.
    private static Color ColorOf(WebhookInboxStatus status) => status switch
    {
        WebhookInboxStatus.Pending => Color.Info,
        WebhookInboxStatus.Processed => Color.Success,
        WebhookInboxStatus.Ignored => Color.Default,
        WebhookInboxStatus.Failed => Color.Error,
    };

    private static string TextOf(WebhookInboxStatus status, int attempts) => status switch
    {
        WebhookInboxStatus.Pending => attempts == 0 ? "Pending" : "Retrying",
        WebhookInboxStatus.Processed => "Processed",
        WebhookInboxStatus.Ignored => "Ignored",
        WebhookInboxStatus.Failed => "Failed",
    };
}
