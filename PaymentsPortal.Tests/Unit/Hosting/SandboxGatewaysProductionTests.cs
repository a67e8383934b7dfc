using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Sandbox;

namespace PaymentsPortal.Tests.Unit.Hosting;

[Trait("Tier", "Unit")]
public sealed class SandboxGatewaysProductionTests
{
    [Fact]
    public async Task StartAsync_InProduction_RefusesBeforeListeningOrPointingAnyAdapterAtASimulator()
    {
        var endpoints = new GatewayEndpoints();
        var before = endpoints.For(Core.Gateways.GatewayKind.Stripe);
        // Only the environment matters: the refusal comes before anything else is touched.
        await using var sandbox = new SandboxGateways([], new SimulatedFaults(), endpoints, null!, null!, Options.Create(new PortalOptions()),
            TimeProvider.System, new HostingEnvironment { EnvironmentName = Environments.Production }, NullLogger<SandboxGateways>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.StartAsync(CancellationToken.None));

        Assert.Contains("Production", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, endpoints.For(Core.Gateways.GatewayKind.Stripe));
        Assert.Throws<InvalidOperationException>(() => sandbox.Host);
    }
}
