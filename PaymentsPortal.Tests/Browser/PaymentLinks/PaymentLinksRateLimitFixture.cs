using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.PaymentLinks;

/// <summary>An app whose payment-link limits are tiny and whose window outlasts any test, so no window boundary can reset them mid-test.</summary>
public sealed class PaymentLinksRateLimitFixture : PortalAppFixture
{
    public const int PageViews = 4;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PaymentLinks:PageViews"] = PageViews.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PaymentLinks:PayAttempts"] = "1",
        ["PaymentLinks:Window"] = "01:00:00",
    };
}
