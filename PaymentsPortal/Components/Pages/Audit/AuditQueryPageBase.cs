using Microsoft.AspNetCore.Components;
using PaymentsPortal.Core.Audit.Search;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Components.Pages.Audit;

/// <summary>What the merchant and platform trail pages share: the signed-in user and the filter and page cursor read from the URL.</summary>
public abstract class AuditQueryPageBase : ComponentBase
{
    protected AuditFilter Filter { get; private set; } = AuditFilter.None;

    [CascadingParameter]
    protected UserAccess Access { get; set; } = UserAccess.Anonymous;

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "actor")]
    public string? Actor { get; set; }

    [SupplyParameterFromQuery(Name = "group")]
    public string? Group { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? Action { get; set; }

    [SupplyParameterFromQuery(Name = "outcome")]
    public string? Outcome { get; set; }

    [SupplyParameterFromQuery(Name = "targetType")]
    public string? TargetType { get; set; }

    [SupplyParameterFromQuery(Name = "targetId")]
    public string? TargetId { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    // Text, read below: a hand-edited "older=abc" must not fail the page; an unreadable cursor starts at the newest entries.
    [SupplyParameterFromQuery(Name = "older")]
    public string? OlderText { get; set; }

    [SupplyParameterFromQuery(Name = "newer")]
    public string? NewerText { get; set; }

    protected long? Older { get; private set; }

    protected long? Newer { get; private set; }

    protected override void OnParametersSet()
    {
        Filter = AuditFilterQuery.Parse(From, To, Actor, Group, Action, Outcome, TargetType, TargetId, Text);
        Older = Sequence(OlderText);
        Newer = Sequence(NewerText);
    }

    private static long? Sequence(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
}
