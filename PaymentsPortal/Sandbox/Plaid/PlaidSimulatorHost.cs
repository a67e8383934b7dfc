using System.Net;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// Serves one <see cref="PlaidSimulator"/> on a loopback Kestrel listener of its own. An outage (Faults.Outage) closes the
/// listener, so the Plaid client meets a refused connection as it would if Plaid were unreachable; ending it listens again on
/// the same port, so the address handed to the client stays right.
/// </summary>
public sealed class PlaidSimulatorHost : IAsyncDisposable
{
    private readonly PlaidSimulator simulator;
    private readonly SemaphoreSlim switching = new(1, 1);
    private WebApplication? app;
    private int port;
    private bool disposed;

    private PlaidSimulatorHost(PlaidSimulator simulator) => this.simulator = simulator;

    /// <summary>The simulator's root, e.g. http://127.0.0.1:40123/ — the Plaid client's base URL; stable across outages.</summary>
    public Uri Address => new($"http://127.0.0.1:{port}/");

    /// <summary>Where the page loads the Link stand-in script from, instead of https://cdn.plaid.com/link/v2/stable/link-initialize.js.</summary>
    public Uri LinkInitializeScript => new(Address, Link.PlaidLinkStandInEndpoints.ScriptPath.TrimStart('/'));

    public PlaidSimulator Simulator => simulator;

    /// <summary>Starts listening on a free loopback port (closed at once if the simulator's faults already say Outage).</summary>
    public static async Task<PlaidSimulatorHost> StartAsync(PlaidSimulator simulator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var host = new PlaidSimulatorHost(simulator);
        await host.ListenAsync(cancellationToken).ConfigureAwait(false);
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
                await StopAsync().ConfigureAwait(false);
            }
            else
            {
                await ListenAsync(CancellationToken.None).ConfigureAwait(false);
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
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            switching.Release();
        }
    }

    // Opening or closing takes milliseconds; a caller that must know when it happened awaits SetOutageAsync.
    private void OnFaultsChanged(FaultSettings settings) => _ = SetOutageAsync(settings.Outage);

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

        // Not the app: the app's Kestrel endpoints and URLs must not reach this listener, or it would try to bind the app's address.
        builder.Configuration.Sources.Clear();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var started = builder.Build();
        simulator.Map(started);
        await started.StartAsync(cancellationToken).ConfigureAwait(false);
        if (port == 0)
        {
            port = new Uri(started.Urls.Single()).Port;
        }

        app = started;
    }

    private async Task StopAsync()
    {
        if (app is null)
        {
            return;
        }

        var stopping = app;
        app = null;
        await stopping.StopAsync().ConfigureAwait(false);
        await stopping.DisposeAsync().ConfigureAwait(false);
    }
}
