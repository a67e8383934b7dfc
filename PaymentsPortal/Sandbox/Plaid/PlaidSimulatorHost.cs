namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// Serves one <see cref="PlaidSimulator"/> on a loopback Kestrel listener of its own. An outage (Faults.Outage) closes the
/// listener, so the Plaid client meets a refused connection as it would if Plaid were unreachable; ending it listens again on
/// the same port, so the address handed to the client stays right.
/// </summary>
public sealed class PlaidSimulatorHost : IAsyncDisposable
{
    private readonly PlaidSimulator simulator;
    private readonly SimulatorListener listener;
    private readonly SemaphoreSlim switching = new(1, 1);
    private bool disposed;

    private PlaidSimulatorHost(PlaidSimulator simulator)
    {
        this.simulator = simulator;
        listener = new SimulatorListener(simulator.Map);
    }

    /// <summary>The simulator's root, e.g. http://127.0.0.1:40123/ — the Plaid client's base URL; stable across outages.</summary>
    public Uri Address => listener.Address;

    /// <summary>Where the page loads the Link stand-in script from, instead of https://cdn.plaid.com/link/v2/stable/link-initialize.js.</summary>
    public Uri LinkInitializeScript => new(Address, Link.PlaidLinkStandInEndpoints.ScriptPath.TrimStart('/'));

    public PlaidSimulator Simulator => simulator;

    /// <summary>Starts listening on a free loopback port (closed at once if the simulator's faults already say Outage).</summary>
    public static async Task<PlaidSimulatorHost> StartAsync(PlaidSimulator simulator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var host = new PlaidSimulatorHost(simulator);
        await host.listener.StartAsync(cancellationToken).ConfigureAwait(false);
        simulator.Faults.Changed += host.OnFaultsChanged;
        await host.SetOutageAsync(simulator.Faults.Current.Outage).ConfigureAwait(false);
        return host;
    }

    /// <summary>Completes once the listener matches <paramref name="outage"/>; tests await it after switching an outage.</summary>
    public async Task SetOutageAsync(bool outage)
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

    public async ValueTask DisposeAsync()
    {
        simulator.Faults.Changed -= OnFaultsChanged;

        // Under the lock, so an outage switch still running cannot listen again afterwards; the semaphore stays undisposed
        // because such a switch may still be waiting on it.
        await switching.WaitAsync().ConfigureAwait(false);
        try
        {
            disposed = true;
            await listener.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            switching.Release();
        }
    }

    // Opening or closing takes milliseconds; a caller that must know when it happened awaits SetOutageAsync.
    private void OnFaultsChanged(FaultSettings settings) => _ = SetOutageAsync(settings.Outage);
}
