using PaymentsPortal.Core.Webhooks.Outbound.Deliveries;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Components.Pages.Webhooks;

/// <summary>
/// What the endpoint dialog edits. It checks nothing itself: Core's rules (the URL policy, which differs between Sandbox and
/// Live, and the limits) decide, and their message is shown as is, so the dialog never disagrees with the use case.
/// </summary>
public sealed class WebhookEndpointForm
{
    private readonly SortedSet<string> eventTypes = new(StringComparer.Ordinal);

    public string? Url { get; set; }

    public string? Description { get; set; }

    /// <summary>The types ticked; none ticked means every type, including types added later.</summary>
    public IReadOnlyCollection<string> EventTypes => eventTypes;

    public static WebhookEndpointForm From(WebhookEndpointRow? existing)
    {
        var form = new WebhookEndpointForm { Url = existing?.Url, Description = existing?.Description };
        form.eventTypes.UnionWith(existing?.EventTypes ?? []);
        return form;
    }

    public bool Subscribes(string type) => eventTypes.Contains(type);

    public void Choose(string type, bool chosen)
    {
        if (chosen)
        {
            eventTypes.Add(type);
        }
        else
        {
            eventTypes.Remove(type);
        }
    }

    public WebhookEndpointInput ToInput() => new(Url, Description, [.. eventTypes]);
}
