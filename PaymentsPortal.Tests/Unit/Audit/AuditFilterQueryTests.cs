using PaymentsPortal.Components.Pages.Audit;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Search;

namespace PaymentsPortal.Tests.Unit.Audit;

[Trait("Tier", "Unit")]
public sealed class AuditFilterQueryTests
{
    [Fact]
    public void Parse_ToQuery_RoundTrips()
    {
        var filter = new AuditFilter
        {
            From = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
            Actor = "Ada",
            Group = AuditActionGroup.Administration,
            Action = AuditAction.MemberRoleChanged,
            Outcome = AuditOutcome.Denied,
            TargetType = "membership",
            TargetId = "42",
            Text = "50% off",
        };
        var query = AuditFilterQuery.ToQuery(filter);

        Assert.Equal("2026-11-23", query["to"]);
        Assert.Equal(filter, AuditFilterQuery.Parse(
            (string?)query["from"], (string?)query["to"], (string?)query["actor"], (string?)query["group"], (string?)query["action"],
            (string?)query["outcome"], (string?)query["targetType"], (string?)query["targetId"], (string?)query["q"]));
    }

    [Fact]
    public void Parse_GarbageValues_AreIgnoredNotFatal()
    {
        var filter = AuditFilterQuery.Parse("yesterday", "2026-13-45", "  ", "99", "NotAnAction", "Maybe", "", null, " ");

        Assert.True(filter.IsEmpty);
    }
}
