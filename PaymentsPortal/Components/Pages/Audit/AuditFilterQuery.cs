using System.Globalization;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Search;

namespace PaymentsPortal.Components.Pages.Audit;

/// <summary>
/// The workspace keeps its filter in the URL so that a view can be bookmarked or shared. Dates are whole
/// UTC days: "to" includes its day. Values that do not parse are ignored rather than failing the page.
/// </summary>
public static class AuditFilterQuery
{
    private const string DateFormat = "yyyy-MM-dd";

    public static AuditFilter Parse(
        string? from, string? to, string? actor, string? group, string? action, string? outcome, string? targetType, string? targetId, string? text) =>
        new()
        {
            From = Day(from),
            To = Day(to)?.AddDays(1),
            Actor = Blank(actor),
            Group = Enum.TryParse<AuditActionGroup>(group, true, out var g) && Enum.IsDefined(g) ? g : null,
            Action = Enum.TryParse<AuditAction>(action, true, out var a) && Enum.IsDefined(a) ? a : null,
            Outcome = Enum.TryParse<AuditOutcome>(outcome, true, out var o) && Enum.IsDefined(o) ? o : null,
            TargetType = Blank(targetType),
            TargetId = Blank(targetId),
            Text = Blank(text),
        };

    /// <summary>Query parameters for a filter (null removes a parameter), paging reset to the newest page.</summary>
    public static Dictionary<string, object?> ToQuery(AuditFilter filter) => new()
    {
        ["from"] = filter.From?.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = filter.To?.UtcDateTime.AddDays(-1).ToString(DateFormat, CultureInfo.InvariantCulture),
        ["actor"] = filter.Actor,
        ["group"] = filter.Group?.ToString(),
        ["action"] = filter.Action?.ToString(),
        ["outcome"] = filter.Outcome?.ToString(),
        ["targetType"] = filter.TargetType,
        ["targetId"] = filter.TargetId,
        ["q"] = filter.Text,
        ["older"] = null,
        ["newer"] = null,
    };

    /// <summary>Everything that happened to one target: the per-entity history.</summary>
    public static Dictionary<string, object?> HistoryOf(string targetType, string targetId) =>
        ToQuery(AuditFilter.None with { TargetType = targetType, TargetId = targetId });

    private static DateTimeOffset? Day(string? value) =>
        DateTime.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
