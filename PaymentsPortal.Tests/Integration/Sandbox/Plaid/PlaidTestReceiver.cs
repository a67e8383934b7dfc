using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PaymentsPortal.Tests.Integration.Sandbox.Plaid;

/// <summary>A loopback HTTP server that answers every request with <c>handle</c>: a webhook receiver, or a page hosting Link.</summary>
internal sealed class PlaidTestReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private PlaidTestReceiver(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.Single().TrimEnd('/') + "/");

    public static async Task<PlaidTestReceiver> StartAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        return new PlaidTestReceiver(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
