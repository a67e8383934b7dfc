using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// Serves each gateway simulator on a loopback listener of its own. An outage closes that listener, so the
/// real adapter meets a refused connection exactly as it would if the gateway were down; ending the outage
/// listens again on the same port.
/// </summary>
public sealed class SandboxSimulatorHost : IAsyncDisposable
{
    private readonly Dictionary<GatewayKind, SimulatorListener> listeners;
    private readonly SimulatedFaults faults;
    private readonly SemaphoreSlim switching = new(1, 1);
    private bool disposed;

    private SandboxSimulatorHost(Dictionary<GatewayKind, SimulatorListener> listeners, SimulatedFaults faults)
    {
        this.listeners = listeners;
        this.faults = faults;
        faults.Changed += OnFaultsChanged;
    }

    /// <summary>Starts every simulator on its own free loopback port.</summary>
    public static async Task<SandboxSimulatorHost> StartAsync(IEnumerable<IGatewaySimulator> simulators, SimulatedFaults faults, CancellationToken cancellationToken = default)
    {
        var listeners = new Dictionary<GatewayKind, SimulatorListener>();
        try
        {
            foreach (var simulator in simulators)
            {
                var listener = new SimulatorListener(simulator.Map);
                listeners.Add(simulator.Kind, listener);
                await listener.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var listener in listeners.Values)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        var host = new SandboxSimulatorHost(listeners, faults);
        foreach (var kind in listeners.Keys)
        {
            await host.ApplyOutageAsync(kind, faults.For(kind).Outage).ConfigureAwait(false);
        }

        return host;
    }

    /// <summary>The simulator's root, for example http://127.0.0.1:40123/ — stable across outages.</summary>
    public Uri AddressOf(GatewayKind kind) => listeners[kind].Address;

    public bool Serves(GatewayKind kind) => listeners.ContainsKey(kind);

    public async ValueTask DisposeAsync()
    {
        faults.Changed -= OnFaultsChanged;

        // Under the switching lock, so an outage switch still running in the background cannot start a listener again
        // after this; the semaphore is not disposed because such a switch may still be waiting on it.
        await switching.WaitAsync().ConfigureAwait(false);
        try
        {
            disposed = true;
            foreach (var listener in listeners.Values)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            switching.Release();
        }
    }

    private void OnFaultsChanged(GatewayKind kind, FaultSettings settings)
    {
        if (listeners.ContainsKey(kind))
        {
            // Opening and closing a listener takes milliseconds; a caller that must know when it happened awaits ApplyOutageAsync.
            _ = ApplyOutageAsync(kind, settings.Outage);
        }
    }

    /// <summary>Completes once the listener matches the fault settings; tests await it after switching an outage.</summary>
    public Task ApplyOutageAsync(GatewayKind kind, bool outage) => SwitchAsync(listeners[kind], outage);

    private async Task SwitchAsync(SimulatorListener listener, bool outage)
    {
        await switching.WaitAsync().ConfigureAwait(false);
        try
        {
            if (disposed)
            {
                return;
            }

            if (outage)
            {
                await listener.StopAsync().ConfigureAwait(false);
            }
            else
            {
                await listener.StartAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            switching.Release();
        }
    }
}
