using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Sandbox;

/// <summary>Live mode with the demo accounts, for checking what a signed-in Admin can reach when there are no simulators.</summary>
public sealed class LiveModeFixture : PortalAppFixture
{
    // Live cookies are Secure-only and antiforgery refuses plain http, so requests arrive "through a TLS proxy" on
    // loopback; two-factor is off so the demo Admin signs in with a password.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Mode"] = "Live",
        ["Portal:SeedDemoData"] = "true",
        ["Security:RequireTwoFactorForPrivilegedRoles"] = "false",
        ["Hosting:TrustedProxies:0"] = "127.0.0.1",
    };
}
