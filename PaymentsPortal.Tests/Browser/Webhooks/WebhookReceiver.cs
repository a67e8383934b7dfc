using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Browser.Webhooks;

/// <summary>One request the receiver got, with the headers a merchant's receiver reads.</summary>
public sealed record ReceivedWebhook(string? Signature, string? EventId, string? DeliveryId, string Body)
{
    /// <summary>The v1 signatures of the header, in order (the newest secret's first).</summary>
    public IReadOnlyList<string> Signatures => [.. (Signature ?? "").Split(',').Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).Select(p => p[3..])];

    public long Timestamp => long.Parse((Signature ?? "").Split(',').Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a receiver holding only <paramref name="secret"/> decides.</summary>
    public bool VerifiesWith(string secret) => WebhookSignature.IsValid(Signature, Body, secret, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance);

    /// <summary>Whether the v1 at <paramref name="index"/> alone verifies with <paramref name="secret"/>.</summary>
    public bool SignatureVerifiesWith(int index, string secret) =>
        WebhookSignature.IsValid($"t={Timestamp},v1={Signatures[index]}", Body, secret, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance);
}

/// <summary>
/// A merchant's system in miniature: Kestrel on a free loopback port, recording every POST to /hooks and answering with the
/// status the test chooses (Sandbox mode lets endpoints point at http and loopback).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private WebApplication app = default!;
    private volatile int status = StatusCodes.Status200OK;

    private WebhookReceiver()
    {
    }

    public Uri Url { get; private set; } = default!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver.app = builder.Build();
        receiver.app.MapPost("/hooks", receiver.ReceiveAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks");
        return receiver;
    }

    /// <summary>The status every following request is answered with.</summary>
    public void Answer(int statusCode) => status = statusCode;

    /// <summary>Waits until <paramref name="count"/> requests arrived in all, and returns the last of them.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(int count) =>
        (await Eventually.UntilAsync(() => Task.FromResult(Received), r => r.Count >= count, TimeSpan.FromSeconds(20), $"request {count} at the receiver"))[count - 1];

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        received.Enqueue(new ReceivedWebhook(headers[WebhookSignature.Header], headers[WebhookHeaders.EventId], headers[WebhookHeaders.DeliveryId], body));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status == StatusCodes.Status200OK ? "received" : "receiver down", context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
