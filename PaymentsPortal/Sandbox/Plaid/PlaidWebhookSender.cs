using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// Delivers the Plaid simulator's webhooks as Plaid does: a POST of the JSON body to the Item's webhook URL with a
/// Plaid-Verification JWT, signed afresh on every try (so a retry's iat is never stale), retried with a doubling wait while the
/// receiver does not answer 2xx. Publishing only queues, so no simulated API reply waits for a delivery; a full queue drops
/// the webhook with a warning. Attempts, first retry delay and the on/off switch are the shared Sandbox:Webhooks settings.
/// </summary>
public sealed class PlaidWebhookSender(
    HttpClient http,
    PlaidWebhookKeys keys,
    SandboxWebhookOptions? options = null,
    TimeProvider? clock = null,
    ILogger<PlaidWebhookSender>? logger = null) : BackgroundService, IPlaidWebhookSink
{
    private readonly SandboxWebhookOptions settings = options ?? new SandboxWebhookOptions();
    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly ILogger log = logger ?? NullLogger<PlaidWebhookSender>.Instance;
    private readonly Channel<(PlaidWebhook Webhook, int Attempt)> queue = Channel.CreateBounded<(PlaidWebhook, int)>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private int acknowledged;

    /// <summary>Deliveries a receiver answered 2xx so far.</summary>
    public int Acknowledged => Volatile.Read(ref acknowledged);

    public void Publish(PlaidWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (settings.Enabled && !queue.Writer.TryWrite((webhook, 1)))
        {
            log.LogWarning("Sandbox: the Plaid webhook queue is full; {Webhook} is dropped.", webhook);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (webhook, attempt) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(webhook, attempt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is dropped, as a sandbox need not keep Plaid's retries.
        }
    }

    private async Task SendAsync(PlaidWebhook webhook, int attempt, CancellationToken stoppingToken)
    {
        string problem;
        using (var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url))
        {
            request.Content = new StringContent(webhook.Body, Encoding.UTF8, "application/json");
            request.Headers.Add(PlaidWebhook.VerificationHeader, keys.Sign(webhook.Body));
            try
            {
                using var response = await http.SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref acknowledged);
                    return;
                }

                problem = $"the receiver answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException error)
            {
                problem = error.Message;
            }
            catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                problem = "the receiver did not answer in time";
            }
        }

        if (attempt >= settings.Attempts)
        {
            log.LogWarning("Sandbox: gave up delivering {Webhook} after {Attempts} tries: {Problem}.", webhook, attempt, problem);
            return;
        }

        _ = RetryLaterAsync(webhook, attempt + 1, settings.FirstRetryDelay * Math.Pow(2, attempt - 1), stoppingToken);
    }

    private async Task RetryLaterAsync(PlaidWebhook webhook, int attempt, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, time, stoppingToken);
            queue.Writer.TryWrite((webhook, attempt));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
