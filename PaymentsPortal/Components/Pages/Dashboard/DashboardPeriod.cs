namespace PaymentsPortal.Components.Pages.Dashboard;

/// <summary>The periods the dashboard offers, as whole UTC days ending today (so a day's bar is always a full day).</summary>
public sealed record DashboardPeriod(string Key, string Label, int Days)
{
    public static IReadOnlyList<DashboardPeriod> All { get; } =
    [
        new("1d", "Today", 1),
        new("7d", "Last 7 days", 7),
        new("30d", "Last 30 days", 30),
        new("90d", "Last 90 days", 90),
        new("365d", "Last 365 days", 365),
    ];

    public static DashboardPeriod Default => All[2];

    public static DashboardPeriod Parse(string? key) => All.FirstOrDefault(p => p.Key == key) ?? Default;

    /// <summary>From the start of the first day to the start of tomorrow, UTC.</summary>
    public (DateTimeOffset From, DateTimeOffset To) RangeAt(DateTimeOffset now)
    {
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return (tomorrow.AddDays(-Days), tomorrow);
    }
}
