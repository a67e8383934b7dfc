using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Identity;

/// <summary>An app that requires two-factor for privileged roles even in Sandbox mode.</summary>
public sealed class TwoFactorRequiredFixture : PortalAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Security:RequireTwoFactorForPrivilegedRoles"] = "true",
    };
}
