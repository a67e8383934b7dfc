namespace PaymentsPortal.Core.Payments.Dashboard;

/// <summary>
/// Which part of a period the dashboard reads from the daily totals and which live from payments. Only whole UTC days
/// before <c>rolled_until</c> come from the totals; the partial first day (a period not starting at midnight) and
/// everything from <c>rolled_until</c> on are read live.
/// </summary>
/// <param name="Rolled">The days [first, until) to read from the totals, or null when none can be.</param>
public sealed record DashboardReadPlan((DateOnly First, DateOnly Until)? Rolled, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Live)
{
    public static DashboardReadPlan For(DateTimeOffset from, DateTimeOffset to, DateOnly? rolledUntil)
    {
        var firstWholeDay = DateOnly.FromDateTime(from.UtcDateTime);
        if (Start(firstWholeDay) < from)
        {
            firstWholeDay = firstWholeDay.AddDays(1);
        }

        var untilDay = rolledUntil is { } rolled ? Min(rolled, DateOnly.FromDateTime(to.UtcDateTime)) : firstWholeDay;
        if (untilDay <= firstWholeDay)
        {
            return new DashboardReadPlan(null, [(from, to)]);
        }

        var live = new List<(DateTimeOffset, DateTimeOffset)>();
        if (from < Start(firstWholeDay))
        {
            live.Add((from, Start(firstWholeDay)));
        }

        if (Start(untilDay) < to)
        {
            live.Add((Start(untilDay), to));
        }

        return new DashboardReadPlan((firstWholeDay, untilDay), live);
    }

    public static (DateTimeOffset From, DateTimeOffset To) WholeDay(DateOnly day) => (Start(day), Start(day.AddDays(1)));

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
