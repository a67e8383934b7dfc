using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Settings;
using PaymentsPortal.Sandbox;
using PaymentsPortal.Sandbox.Braintree;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// The Stripe and Braintree simulators on loopback listeners in this process, as Sandbox mode serves them, with the
/// real adapters pointed at them. No latency is added: what is measured is the portal, not a simulated network.
/// </summary>
internal sealed class BenchmarkSimulators : IAsyncDisposable
{
    private readonly SimulatedFaults faults;
    private readonly SandboxSimulatorHost host;

    private BenchmarkSimulators(SimulatedFaults faults, SandboxSimulatorHost host)
    {
        this.faults = faults;
        this.host = host;
    }

    public static async Task<BenchmarkSimulators> StartAsync(GatewayEndpoints endpoints)
    {
        var faults = new SimulatedFaults();
        var host = await SandboxSimulatorHost.StartAsync(
            [new StripeSimulator(faults), new BraintreeSimulator(faults, BraintreeSimulatorOptions.Sandbox)], faults);
        foreach (var kind in new[] { GatewayKind.Stripe, GatewayKind.Braintree })
        {
            endpoints.Use(kind, host.AddressOf(kind));
        }

        return new BenchmarkSimulators(faults, host);
    }

    /// <summary>
    /// Blackholes the gateway: every request stalls until the caller's timeout gives up on it, and nothing is committed.
    /// The worst way down, because each call costs its full timeout and ends Unknown, not a quick refusal.
    /// </summary>
    public void HardDown(GatewayKind gateway) => faults.Set(gateway, new FaultSettings(TimeoutBeforeCommit: 1));

    public void Heal(GatewayKind gateway) => faults.Set(gateway, FaultSettings.None);

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
