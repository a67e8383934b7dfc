using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Redaction;
using PaymentsPortal.Core.Webhooks.Outbound.Endpoints;

namespace PaymentsPortal.Core.Webhooks.Outbound.Delivery;

/// <summary>
/// Makes one signed POST of a claimed delivery and says what came of it, never throwing for the receiver's faults. Only a 2xx
/// answer counts as delivered; a redirect is not followed (it could lead anywhere) and counts as a failure.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecretProtector secrets, IOptions<OutboundWebhookOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "outbound-webhooks";
    public const string UserAgent = "PaymentsPortal-Webhooks/1.0";

    private const int ExcerptReadLimit = 4096;

    public async Task<AttemptResult> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var started = clock.GetUtcNow();
        var timer = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var request = Build(delivery, started);
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var code = (int)response.StatusCode;
            var succeeded = code is >= 200 and < 300;
            return new AttemptResult(started, Elapsed(timer), code, succeeded, succeeded ? null : $"HTTP {code}", excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(started, timer, $"no answer within {options.Value.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException error)
        {
            return Failed(started, timer, Describe(error));
        }
        catch (CryptographicException)
        {
            // The key ring that encrypted the secret is gone (restored from another environment): one endpoint's problem, which
            // rotating its secret fixes, never a reason to stop every other delivery.
            return Failed(started, timer, "the signing secret cannot be decrypted with this installation's keys; rotate the endpoint's secret");
        }
    }

    private HttpRequestMessage Build(ClaimedDelivery delivery, DateTimeOffset now)
    {
        var signing = new List<string> { secrets.Unprotect(delivery.ProtectedSecret) };
        if (delivery.PreviousProtectedSecret is { } previous && delivery.PreviousSecretExpiresAt > now)
        {
            signing.Add(secrets.Unprotect(previous));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(now.ToUnixTimeSeconds(), delivery.Body, signing));
        request.Headers.Add(WebhookHeaders.EventId, delivery.EventId.ToString());
        request.Headers.Add(WebhookHeaders.EventType, delivery.EventType);
        request.Headers.Add(WebhookHeaders.DeliveryId, delivery.Id.ToString());
        request.Headers.Add(WebhookHeaders.Attempt, (delivery.AttemptsBefore + 1).ToString(CultureInfo.InvariantCulture));
        return request;
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ExcerptReadLimit];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = SensitiveDataRedactor.Redact(Encoding.UTF8.GetString(buffer, 0, read));
        return text.Length <= WebhookDeliveryAttempt.ResponseExcerptMaxLength ? text : text[..(WebhookDeliveryAttempt.ResponseExcerptMaxLength - 1)] + "…";
    }

    private static string Describe(HttpRequestException error) => error.InnerException switch
    {
        WebhookAddressBlockedException blocked => "refused: " + blocked.Message,
        SocketException socket => $"could not connect ({socket.SocketErrorCode})",
        AuthenticationException => "the TLS handshake failed (certificate not trusted, expired or for another name)",
        _ when error.HttpRequestError != HttpRequestError.Unknown => $"the request failed ({error.HttpRequestError})",
        _ => "the request failed",
    };

    private static AttemptResult Failed(DateTimeOffset started, Stopwatch timer, string error) =>
        new(started, Elapsed(timer), null, false, error, null);

    private static int Elapsed(Stopwatch timer) => (int)Math.Min(int.MaxValue, timer.ElapsedMilliseconds);
}

/// <summary>The headers every delivery carries besides the signature.</summary>
public static class WebhookHeaders
{
    public const string EventId = "PaymentsPortal-Event-Id";
    public const string EventType = "PaymentsPortal-Event-Type";
    public const string DeliveryId = "PaymentsPortal-Delivery-Id";
    public const string Attempt = "PaymentsPortal-Delivery-Attempt";
}
