using System.Net;
using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// Serves each gateway simulator on a loopback listener of its own. An outage closes that listener, so the
/// real adapter meets a refused connection exactly as it would if the gateway were down; ending the outage
/// listens again on the same port.
/// </summary>
public sealed class SandboxSimulatorHost : IAsyncDisposable
{
    private readonly Dictionary<GatewayKind, Listener> listeners;
    private readonly SimulatedFaults faults;
    private readonly SemaphoreSlim switching = new(1, 1);
    private bool disposed;

    private SandboxSimulatorHost(Dictionary<GatewayKind, Listener> listeners, SimulatedFaults faults)
    {
        this.listeners = listeners;
        this.faults = faults;
        faults.Changed += OnFaultsChanged;
    }

    /// <summary>Starts every simulator on its own free loopback port.</summary>
    public static async Task<SandboxSimulatorHost> StartAsync(IEnumerable<IGatewaySimulator> simulators, SimulatedFaults faults, CancellationToken cancellationToken = default)
    {
        var listeners = new Dictionary<GatewayKind, Listener>();
        try
        {
            foreach (var simulator in simulators)
            {
                var listener = new Listener(simulator);
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

    private async Task SwitchAsync(Listener listener, bool outage)
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

    /// <summary>One simulator's Kestrel, which can be stopped and started again on the port it first got.</summary>
    private sealed class Listener(IGatewaySimulator simulator) : IAsyncDisposable
    {
        private WebApplication? app;
        private int port;

        public Uri Address => new($"http://127.0.0.1:{port}/");

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (app is not null)
            {
                return;
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

            // The simulator is not the app: the app's configuration (Kestrel endpoints or URLs from the environment or
            // appsettings.json) must not reach it, or every simulator would try to bind the app's own address.
            builder.Configuration.Sources.Clear();

            // An outage is abrupt: requests in flight are dropped after a second instead of Kestrel's 30 s drain.
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

        public async Task StopAsync()
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

        public ValueTask DisposeAsync() => new(StopAsync());
    }
}
