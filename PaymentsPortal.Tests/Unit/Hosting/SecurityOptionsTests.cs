using PaymentsPortal.Core.Hosting;

namespace PaymentsPortal.Tests.Unit.Hosting;

[Trait("Tier", "Unit")]
public sealed class SecurityOptionsTests
{
    [Theory]
    [InlineData(PortalMode.Live, true)]
    [InlineData(PortalMode.Sandbox, false)]
    public void TwoFactorRequired_Unset_DependsOnMode(PortalMode mode, bool expected)
    {
        Assert.Equal(expected, new SecurityOptions().TwoFactorRequired(mode));
    }

    [Theory]
    [InlineData(PortalMode.Live, false)]
    [InlineData(PortalMode.Sandbox, true)]
    public void TwoFactorRequired_ExplicitValue_Wins(PortalMode mode, bool setting)
    {
        var options = new SecurityOptions { RequireTwoFactorForPrivilegedRoles = setting };

        Assert.Equal(setting, options.TwoFactorRequired(mode));
    }

    [Fact]
    public void RevalidationInterval_Default_IsUnderAMinute()
    {
        Assert.True(new SecurityOptions().RevalidationInterval < TimeSpan.FromMinutes(1));
    }
}
