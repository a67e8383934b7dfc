using System.Net;

namespace PaymentsPortal.Sandbox;

/// <summary>
/// One simulator's own loopback Kestrel, which can be stopped (an outage: the client meets a refused connection) and started
/// again on the port it first got, so the address handed to the client stays right.
/// </summary>
public sealed class SimulatorListener(Action<IEndpointRouteBuilder> map) : IAsyncDisposable
{
    private WebApplication? app;
    private int port;

    /// <summary>The simulator's root, for example http://127.0.0.1:40123/ — stable across outages.</summary>
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
        map(started);
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
