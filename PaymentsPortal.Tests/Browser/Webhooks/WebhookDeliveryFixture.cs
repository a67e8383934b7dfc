using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Webhooks;

/// <summary>
/// An app that runs its webhook dispatcher (it runs where the instance runs jobs), so a test event reaches the test's receiver
/// moments after it is sent. The retry window is shorter than any retry's wait (the first is a minute): a delivery the receiver
/// refuses is given up (Failed) after its one attempt, so a test's Resend is its second attempt and no scheduled retry can
/// deliver it first. A short first retry instead would race the Resend.
/// Jobs running behind the test cannot reach its receiver either: its endpoints subscribe to test events only.
/// </summary>
public sealed class WebhookDeliveryFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:RunServer"] = "true",
        ["Webhooks:Outbound:RetryWindow"] = "00:00:00.100",
    };
}
