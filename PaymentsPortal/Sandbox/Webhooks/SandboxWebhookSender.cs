using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Webhooks.Inbound;

namespace PaymentsPortal.Sandbox.Webhooks;

/// <summary>
/// Delivers the simulators' events to the app's webhook endpoints the way the providers do: each event to every endpoint
/// registered for its account, signed for that endpoint, over real HTTP, retried when the app does not answer 2xx. Publishing
/// only queues, so a simulator's API reply never waits for a delivery; a full queue drops the event with a warning rather than
/// slow the simulator down.
/// </summary>
public sealed class SandboxWebhookSender(
    IOptionsMonitor<SandboxWebhookOptions> options,
    SandboxWebhookSubscribers subscribers,
    SandboxAppAddress app,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<SandboxWebhookSender> logger) : BackgroundService, ISimulatedWebhookSink
{
    public const string HttpClientName = "SandboxWebhooks";

    private const int Workers = 2;

    private readonly Channel<Delivery> queue = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private int sent;

    /// <summary>Deliveries the app acknowledged so far (for tests that wait for the loop to close).</summary>
    public int Acknowledged => Volatile.Read(ref sent);

    public void Publish(SimulatedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        if (!queue.Writer.TryWrite(new Delivery(webhook, null, 1)))
        {
            logger.LogWarning("Sandbox: the webhook queue is full; {Webhook} is dropped.", webhook);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DeliverAsync(delivery, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "Sandbox: delivering {Webhook} failed.", delivery.Webhook);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is dropped, as a provider's retries would be lost with a sandbox.
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        if (delivery.Endpoint is null)
        {
            // Fan out once: each endpoint is then tried, and retried, on its own.
            foreach (var endpoint in await subscribers.ForAsync(delivery.Webhook.Gateway, delivery.Webhook.Account, stoppingToken))
            {
                await SendAsync(delivery with { Endpoint = endpoint }, stoppingToken);
            }

            return;
        }

        await SendAsync(delivery, stoppingToken);
    }

    private async Task SendAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var webhook = delivery.Webhook;
        var endpoint = delivery.Endpoint!;
        string? problem;
        if (app.Current() is not { } baseAddress)
        {
            problem = "the app does not listen yet";
        }
        else
        {
            var provider = webhook.Gateway == GatewayKind.Stripe ? WebhookProvider.Stripe : WebhookProvider.Braintree;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, InboundWebhookPaths.For(provider, endpoint.MerchantId)));
            if (webhook.Gateway == GatewayKind.Stripe)
            {
                // Signed afresh on every try, as Stripe does, so a retry is never refused as stale.
                request.Content = new StringContent(webhook.Body, Encoding.UTF8, "application/json");
                request.Headers.Add("Stripe-Signature", SandboxWebhookSigning.StripeSignature(webhook.Body, endpoint.SigningSecret, clock.GetUtcNow()));
            }
            else
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["bt_signature"] = SandboxWebhookSigning.BraintreeSignature(webhook.Body, endpoint.PublicKey!, endpoint.SigningSecret),
                    ["bt_payload"] = webhook.Body,
                });
            }

            try
            {
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref sent);
                    return;
                }

                problem = $"the app answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException error)
            {
                problem = error.Message;
            }
            catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                problem = "the app did not answer in time";
            }
        }

        var settings = options.CurrentValue;
        if (delivery.Attempt >= settings.Attempts)
        {
            logger.LogWarning("Sandbox: gave up delivering {Webhook} to merchant {MerchantId} after {Attempts} tries: {Problem}.",
                webhook, endpoint.MerchantId, delivery.Attempt, problem);
            return;
        }

        var wait = settings.FirstRetryDelay * Math.Pow(2, delivery.Attempt - 1);
        _ = RetryLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, wait, stoppingToken);
    }

    private async Task RetryLaterAsync(Delivery delivery, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, clock, stoppingToken);
            queue.Writer.TryWrite(delivery);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private sealed record Delivery(SimulatedWebhook Webhook, SandboxWebhookEndpoint? Endpoint, int Attempt);
}
