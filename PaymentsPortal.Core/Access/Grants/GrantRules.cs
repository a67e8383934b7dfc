namespace PaymentsPortal.Core.Access.Grants;

/// <summary>The limits of a temporary access request: how long, and how well explained.</summary>
public static class GrantRules
{
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan MaximumDuration = TimeSpan.FromHours(8);

    /// <summary>Long enough that "need it" is not a justification a reviewer has to accept.</summary>
    public const int JustificationMinLength = 20;

    public const int TextMaxLength = 500;

    /// <summary>The durations the request form offers; any whole number of minutes in range is accepted.</summary>
    public static IReadOnlyList<TimeSpan> SuggestedDurations { get; } =
    [
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    public static bool IsAllowedDuration(TimeSpan duration) =>
        duration >= MinimumDuration && duration <= MaximumDuration && duration.Ticks % TimeSpan.TicksPerMinute == 0;

    /// <summary>The justification trimmed, or null when it is too short or too long.</summary>
    public static string? NormalizeJustification(string? text) =>
        text?.Trim() is { Length: >= JustificationMinLength and <= TextMaxLength } trimmed ? trimmed : null;

    /// <summary>A decision's reason trimmed; null when empty. Longer than <see cref="TextMaxLength"/> is the caller's error to report.</summary>
    public static string? NormalizeReason(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Describe(TimeSpan duration) =>
        duration.TotalMinutes < 60
            ? $"{(int)duration.TotalMinutes} min"
            : duration.Minutes == 0 ? $"{(int)duration.TotalHours} h" : $"{(int)duration.TotalHours} h {duration.Minutes} min";
}
