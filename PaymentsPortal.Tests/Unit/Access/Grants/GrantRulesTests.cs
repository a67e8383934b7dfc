using PaymentsPortal.Core.Access.Grants;

namespace PaymentsPortal.Tests.Unit.Access.Grants;

[Trait("Tier", "Unit")]
public sealed class GrantRulesTests
{
    [Theory]
    [InlineData(15, true)]
    [InlineData(480, true)]
    [InlineData(90, true)]
    [InlineData(14, false)]
    [InlineData(481, false)]
    [InlineData(-30, false)]
    public void IsAllowedDuration_Minutes_OnlyAQuarterHourToEightHours(int minutes, bool allowed)
    {
        Assert.Equal(allowed, GrantRules.IsAllowedDuration(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void IsAllowedDuration_PartOfAMinute_IsRefused()
    {
        Assert.False(GrantRules.IsAllowedDuration(TimeSpan.FromMinutes(20.5)));
    }

    [Fact]
    public void SuggestedDurations_AreAllAllowed()
    {
        Assert.All(GrantRules.SuggestedDurations, d => Assert.True(GrantRules.IsAllowedDuration(d)));
    }

    [Theory]
    [InlineData("  Investigating ticket 4711 today  ", "Investigating ticket 4711 today")]
    [InlineData("short", null)]
    [InlineData("                    ", null)]
    [InlineData(null, null)]
    public void NormalizeJustification_Text_TrimsAndRefusesShortOnes(string? text, string? expected)
    {
        Assert.Equal(expected, GrantRules.NormalizeJustification(text));
    }

    [Fact]
    public void NormalizeJustification_OverTheLimit_IsRefused()
    {
        Assert.Null(GrantRules.NormalizeJustification(new string('x', GrantRules.TextMaxLength + 1)));
        Assert.NotNull(GrantRules.NormalizeJustification(new string('x', GrantRules.TextMaxLength)));
    }

    [Theory]
    [InlineData(15, "15 min")]
    [InlineData(60, "1 h")]
    [InlineData(90, "1 h 30 min")]
    [InlineData(480, "8 h")]
    public void Describe_Duration_ReadsForPeople(int minutes, string expected)
    {
        Assert.Equal(expected, GrantRules.Describe(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void TimeLeft_AndStatus_ReadForPeople()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal("1 h 5 min", GrantText.TimeLeft(now.AddMinutes(64.5), now));
        Assert.Equal("under a minute", GrantText.TimeLeft(now.AddSeconds(20), now));
        Assert.Equal("expired", GrantText.TimeLeft(now.AddSeconds(-1), now));
        Assert.Equal("Active", GrantText.StatusAt(AccessGrantStatus.Approved, now.AddSeconds(1), now));
        Assert.Equal("Expired", GrantText.StatusAt(AccessGrantStatus.Approved, now, now));
        Assert.Equal("2026-01-02 03:04 UTC", GrantText.Utc(new DateTimeOffset(2026, 1, 2, 4, 4, 0, TimeSpan.FromHours(1))));
    }
}
