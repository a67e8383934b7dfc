using PaymentsPortal.Core.Webhooks.Outbound;
using PaymentsPortal.Core.Webhooks.Outbound.Delivery;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Outbound;

/// <summary>
/// The dispatcher as an app instance runs it: it hears the outbox's notification and delivers at once, and an instance started
/// after another stopped picks up the retries that were waiting. The fallback poll is an hour, so only the notification or the
/// start-up pass can be what delivers.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class WebhookDispatcherTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Jobs:RunServer"] = "true",
        ["Webhooks:Outbound:FirstRetryDelay"] = "00:00:00.300",
        ["Webhooks:Outbound:FallbackPollInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Dispatcher_DeliversAnEventMomentsAfterItCommits()
    {
        await using var bed = await OutboundTestBed.StartAsync(Settings, realTime: true);
        var endpoint = await bed.AddEndpointAsync();
        await using var instance = await StartInstanceAsync(bed);

        await bed.SucceededPaymentAsync();

        var request = await Eventually.UntilAsync(() => Task.FromResult(bed.Receiver.Received), r => r.Count > 0, TimeSpan.FromSeconds(15), "the delivery");
        Assert.True(bed.Verifies(request[0], endpoint.Secret));
        Assert.Equal(WebhookEventTypes.PaymentSucceeded, request[0].Header(WebhookHeaders.EventType));
    }

    [Fact]
    public async Task InstanceStoppedDuringBackoff_NextInstanceDeliversWhatWaited()
    {
        await using var bed = await OutboundTestBed.StartAsync(Settings, realTime: true);
        var endpoint = await bed.AddEndpointAsync();
        bed.Receiver.StatusCode = 503;
        var first = await StartInstanceAsync(bed);
        await bed.SucceededPaymentAsync();
        await Eventually.UntilAsync(() => bed.DeliveriesAsync(endpoint.EndpointId), d => d.Count == 1 && d[0].Attempts >= 1, TimeSpan.FromSeconds(15), "a failed attempt");
        await first.DisposeAsync();

        bed.Receiver.StatusCode = 200;
        await using var second = await StartInstanceAsync(bed);

        var delivered = await Eventually.UntilAsync(() => bed.SingleDeliveryAsync(endpoint.EndpointId), d => d.Status == WebhookDeliveryStatus.Delivered,
            TimeSpan.FromSeconds(15), "the retry to be delivered");
        Assert.True(delivered.Attempts >= 2);
        Assert.Equal(200, bed.Receiver.Received[^1].AnsweredWith);
    }

    /// <summary>Another app instance over the bed's database, its dispatcher started and listening.</summary>
    private static async Task<RunningInstance> StartInstanceAsync(OutboundTestBed bed)
    {
        var host = bed.Host.AnotherInstance(Settings, services => services.AddWebhookDispatcher(bed.Host.Database.AppConnectionString));
        var dispatcher = host.Service<WebhookDispatcher>();
        await dispatcher.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => Task.FromResult(dispatcher.IsListening), listening => listening, TimeSpan.FromSeconds(10), "the dispatcher to listen");
        return new RunningInstance(host, dispatcher);
    }

    private sealed class RunningInstance(CoreHost host, WebhookDispatcher dispatcher) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await dispatcher.StopAsync(CancellationToken.None);
            await host.DisposeAsync();
        }
    }
}
