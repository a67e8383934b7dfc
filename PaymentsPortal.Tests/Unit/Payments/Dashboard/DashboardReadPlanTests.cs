using PaymentsPortal.Core.Payments.Dashboard;

namespace PaymentsPortal.Tests.Unit.Payments.Dashboard;

[Trait("Tier", "Unit")]
public sealed class DashboardReadPlanTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NothingRolledUp_ReadsTheWholePeriodLive()
    {
        var plan = DashboardReadPlan.For(Midnight.AddDays(-30), Midnight.AddDays(1), rolledUntil: null);

        Assert.Null(plan.Rolled);
        Assert.Equal([(Midnight.AddDays(-30), Midnight.AddDays(1))], plan.Live);
    }

    [Fact]
    public void WholeDays_BeforeRolledUntil_AreReadRolledUp_AndTheRestLive()
    {
        var plan = DashboardReadPlan.For(Midnight.AddDays(-365), Midnight.AddDays(1), rolledUntil: DateOnly.FromDateTime(Midnight.AddDays(-1).UtcDateTime));

        Assert.Equal((new DateOnly(2025, 11, 24), new DateOnly(2026, 11, 23)), plan.Rolled);
        Assert.Equal([(Midnight.AddDays(-1), Midnight.AddDays(1))], plan.Live);
    }

    [Fact]
    public void PartialFirstDay_IsReadLive()
    {
        var plan = DashboardReadPlan.For(Midnight.AddDays(-5).AddHours(7), Midnight.AddHours(13), rolledUntil: DateOnly.FromDateTime(Midnight.UtcDateTime));

        Assert.Equal((new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 24)), plan.Rolled);
        Assert.Equal([(Midnight.AddDays(-5).AddHours(7), Midnight.AddDays(-4)), (Midnight, Midnight.AddHours(13))], plan.Live);
    }

    [Fact]
    public void PeriodEndingBeforeRolledUntil_HasNoLiveTail()
    {
        var plan = DashboardReadPlan.For(Midnight.AddDays(-10), Midnight.AddDays(-3), rolledUntil: DateOnly.FromDateTime(Midnight.UtcDateTime));

        Assert.Equal((new DateOnly(2026, 11, 14), new DateOnly(2026, 11, 21)), plan.Rolled);
        Assert.Empty(plan.Live);
    }

    [Fact]
    public void RollupBehindThePeriod_ReadsItAllLive()
    {
        var plan = DashboardReadPlan.For(Midnight.AddDays(-1), Midnight.AddDays(1), rolledUntil: DateOnly.FromDateTime(Midnight.AddDays(-3).UtcDateTime));

        Assert.Null(plan.Rolled);
        Assert.Equal([(Midnight.AddDays(-1), Midnight.AddDays(1))], plan.Live);
    }
}
