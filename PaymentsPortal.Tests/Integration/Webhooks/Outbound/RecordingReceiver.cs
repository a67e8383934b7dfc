using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>A request the receiver got: what a merchant's server would see.</summary>
public sealed record ReceivedWebhook(string Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A merchant's webhook endpoint on loopback (a real Kestrel server, so the portal's HTTP client, connector and timeouts are the
/// production ones). It records every request and answers with <see cref="StatusCode"/>, which a test changes to simulate an outage.
/// </summary>
public sealed class RecordingReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private RecordingReceiver(WebApplication app) => this.app = app;

    private volatile int statusCode = 200;
    private volatile string answerBody = "ok";

    public int StatusCode
    {
        get => statusCode;
        set => statusCode = value;
    }

    /// <summary>What the receiver writes in its answer's body.</summary>
    public string AnswerBody
    {
        get => answerBody;
        set => answerBody = value;
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<RecordingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new RecordingReceiver(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver.StatusCode;
            receiver.received.Enqueue(new ReceivedWebhook(
                body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), status));
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(receiver.AnswerBody);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hooks";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
