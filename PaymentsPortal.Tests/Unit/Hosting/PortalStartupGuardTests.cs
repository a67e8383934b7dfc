using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.Tests.Unit.Hosting;

[Trait("Tier", "Unit")]
public sealed class PortalStartupGuardTests
{
    [Fact]
    public void Check_ProductionSandbox_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PortalStartupGuard.Check(Environment(Environments.Production), new PortalOptions { Mode = PortalMode.Sandbox }));

        Assert.Contains("Sandbox", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProductionDefaultOptions_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => PortalStartupGuard.Check(Environment(Environments.Production), new PortalOptions()));
    }

    [Fact]
    public void Check_ProductionLiveWithDemoSeeding_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PortalStartupGuard.Check(Environment(Environments.Production), new PortalOptions { Mode = PortalMode.Live, SeedDemoData = true }));

        Assert.Contains("seeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProductionLive_Passes()
    {
        PortalStartupGuard.Check(Environment(Environments.Production), new PortalOptions { Mode = PortalMode.Live });
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public void Check_NonProductionSandbox_Passes(string environmentName)
    {
        PortalStartupGuard.Check(Environment(environmentName), new PortalOptions { Mode = PortalMode.Sandbox });
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
