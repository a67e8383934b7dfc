using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

/// <summary>An app whose open sessions re-check their user every two seconds, so tests can watch a session end.</summary>
public sealed class FastRevalidationFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Security:RevalidationInterval"] = "00:00:02",
    };
}
