using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Hosting;

/// <summary>The app with a sign-in limit low enough to reach in a test.</summary>
public sealed class SignInRateLimitFixture : PortalAppFixture
{
    public const int AttemptsPerMinute = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Security:SignInAttemptsPerMinute"] = AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
