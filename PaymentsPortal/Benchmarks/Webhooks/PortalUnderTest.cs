using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PaymentsPortal.Hosting;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// The portal itself, composed and started exactly as Program does (AddPortal, the migrator, UsePortal, its hosted services), in
/// Live mode and the Production environment, on a free loopback port, over the benchmark's throwaway database. Phases reach it
/// over HTTP as providers and browsers do, or through its services.
/// </summary>
internal sealed class PortalUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    private PortalUnderTest(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<PortalUnderTest> StartAsync(ThrowawayDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Only what the benchmark says: the machine's own ConnectionStrings__* and Portal__* never reach this instance.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database.AppConnectionString,
            ["ConnectionStrings:PortalOwner"] = database.OwnerConnectionString,
            ["Portal:Mode"] = "Live",
            ["Logging:LogLevel:Default"] = "Error",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPortal();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.UsePortal();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new PortalUnderTest(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
