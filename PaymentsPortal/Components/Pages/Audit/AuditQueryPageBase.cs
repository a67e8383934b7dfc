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

    [SupplyParameterFromQuery(Name = "older")]
    public long? Older { get; set; }

    [SupplyParameterFromQuery(Name = "newer")]
    public long? Newer { get; set; }

    protected override void OnParametersSet() =>
        Filter = AuditFilterQuery.Parse(From, To, Actor, Group, Action, Outcome, TargetType, TargetId, Text);
}
