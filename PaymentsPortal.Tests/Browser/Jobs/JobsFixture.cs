using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Jobs;

/// <summary>An app that runs its Hangfire server, as a deployed instance does, picking up queued runs within a second.</summary>
public sealed class JobsFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:RunServer"] = "true",
        ["Jobs:QueuePollInterval"] = "00:00:01",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
    };
}
