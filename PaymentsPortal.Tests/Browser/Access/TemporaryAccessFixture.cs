using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Access;

/// <summary>
/// An app whose open sessions re-read their access every two seconds and whose expiry job runs (through Hangfire)
/// every second, so tests watch a grant end in an open session in seconds rather than a minute.
/// </summary>
public sealed class TemporaryAccessFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Security:RevalidationInterval"] = "00:00:02",
        ["Jobs:RunServer"] = "true",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        ["Jobs:Schedules:access-grant-expiry"] = "* * * * * *",
    };
}
