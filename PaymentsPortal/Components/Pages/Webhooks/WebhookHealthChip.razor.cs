using MudBlazor;
using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;

namespace PaymentsPortal.Components.Pages.Webhooks;

public sealed partial class WebhookHealthChip
{
    // In C#, so the build's exhaustiveness rule (CS8509) names any health added without a colour or a word.
    public static Color ColorOf(WebhookEndpointHealth health) => health switch
    {
        WebhookEndpointHealth.Healthy => Color.Success,
        WebhookEndpointHealth.Degraded => Color.Warning,
        WebhookEndpointHealth.Failing => Color.Error,
        WebhookEndpointHealth.Disabled => Color.Default,
    };

    public static string TextOf(WebhookEndpointHealth health) => health switch
    {
        WebhookEndpointHealth.Healthy => "Healthy",
        WebhookEndpointHealth.Degraded => "Degraded",
        WebhookEndpointHealth.Failing => "Failing",
        WebhookEndpointHealth.Disabled => "Disabled",
    };
}
