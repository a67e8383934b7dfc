using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Stripe;

namespace PaymentsPortal.Core.Gateways.Stripe;

/// <summary>
/// Turns whatever a Stripe call threw into a classified <see cref="GatewayResult"/>. The rule that drives every
/// branch: only what proves Stripe never processed the request may be <see cref="GatewayOutcome.NotSent"/>;
/// whatever might have been processed is <see cref="GatewayOutcome.Unknown"/>.
/// </summary>
/// <remarks>
/// <code>
/// what happened                                   outcome                     code
/// card_error (402)                                Declined, retryable per StripeDeclineRules   card_declined/insufficient_funds …
/// invalid_request_error (400, 404)                Declined, not retryable     resource_missing, parameter_invalid_integer …
/// 401 / 403 (bad or restricted key)               Declined, retryable         authentication_error / permission_error
/// idempotency_error (same key, other parameters)  Unknown                     idempotency_error
/// 409 (same key still being processed)            Unknown                     idempotency_key_in_use
/// 429 (rate limit, lock timeout)                  NotSent                     rate_limit / lock_timeout
/// 5xx, api_error                                  Unknown                     api_error / http_503
/// reply that is not Stripe's JSON                 Unknown                     transport.unreadable_reply
/// connection refused                              NotSent                     transport.connection_refused
/// host name not resolved                          NotSent                     transport.name_not_resolved
/// any other transport failure (reset, EOF, TLS)   Unknown                     transport.connection_lost
/// our attempt timeout, HttpClient timeout         Unknown                     transport.timeout
/// the caller canceled mid-call                    Unknown                     transport.canceled
/// anything else                                   Unknown                     unexpected_error
/// </code>
/// </remarks>
public static class StripeFailureClassifier
{
    /// <param name="attemptTimedOut">True when the adapter's own per-attempt timeout fired (not the caller's token).</param>
    public static GatewayResult Classify(Exception exception, bool attemptTimedOut)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StripeException stripe => FromStripe(stripe),
            HttpRequestException http => FromTransport(http),
            OperationCanceledException when attemptTimedOut || exception.InnerException is TimeoutException =>
                GatewayResult.Unknown("transport.timeout", "Stripe did not answer in time; the request may have been processed."),
            OperationCanceledException =>
                GatewayResult.Unknown("transport.canceled", "The call was canceled while in flight; the request may have been processed."),
            IOException => GatewayResult.Unknown("transport.connection_lost", "The connection to Stripe failed after the request may have been sent."),
            JsonException => GatewayResult.Unknown("transport.unreadable_reply", "Stripe's reply could not be read; the request may have been processed."),
            _ => GatewayResult.Unknown("unexpected_error", $"The Stripe call failed unexpectedly ({exception.GetType().Name}); the request may have been processed."),
        };
    }

    /// <summary>
    /// Whether a transport failure proves that no byte of the request reached Stripe. Only failures to open the
    /// connection qualify: a refused connection (ECONNREFUSED happens only in connect) or a name that did not resolve.
    /// A reset, an early EOF or a TLS failure can follow a request that was already written, so they do not.
    /// (HttpClient may resend a body-less request after a keep-alive connection closed gracefully, dotnet/runtime#86714;
    /// every mutating call carries an Idempotency-Key, so such a resend can only replay, never charge again.)
    /// </summary>
    public static bool ProvesNotSent(HttpRequestException exception) => NotSentCode(exception) is not null;

    private static string? NotSentCode(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return "transport.name_not_resolved";
        }

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "transport.connection_refused",
                    SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "transport.name_not_resolved",
                    _ => null,
                };
            }
        }

        return null;
    }

    private static GatewayResult FromTransport(HttpRequestException exception) =>
        NotSentCode(exception) switch
        {
            "transport.connection_refused" => GatewayResult.NotSent("transport.connection_refused", "Stripe refused the connection; nothing was sent."),
            string code => GatewayResult.NotSent(code, "Stripe's host name could not be resolved; nothing was sent."),
            null => GatewayResult.Unknown("transport.connection_lost", "The connection to Stripe failed after the request may have been sent."),
        };

    private static GatewayResult FromStripe(StripeException exception)
    {
        var status = (int)exception.HttpStatusCode;
        var error = exception.StripeError;
        var reference = error?.PaymentIntent?.Id;

        // Stripe documents that a rate-limited request was not processed, so another attempt (anywhere) is safe.
        if (exception.HttpStatusCode == HttpStatusCode.TooManyRequests)
        {
            return GatewayResult.NotSent(error?.Code ?? "rate_limit", "Stripe rate-limited the request and did not process it.");
        }

        if (error?.Type is null)
        {
            // No Stripe error object: a 200 whose body did not parse, or a proxy's page. Either may follow processing.
            return status >= 500
                ? GatewayResult.Unknown(string.Create(CultureInfo.InvariantCulture, $"http_{status}"), "Stripe answered with a server error; the request may have been processed.")
                : GatewayResult.Unknown("transport.unreadable_reply", "Stripe's reply could not be read; the request may have been processed.");
        }

        if (error.Type == "idempotency_error")
        {
            // The same attempt id was sent before with other parameters: a bug on our side. Stripe did not run this
            // request, but the first one with this key may have charged, so nothing is assumed.
            return GatewayResult.Unknown("idempotency_error", "Stripe refused to reuse this attempt id with different parameters; the first request with it may have been processed.");
        }

        if (exception.HttpStatusCode == HttpStatusCode.Conflict)
        {
            return GatewayResult.Unknown(error.Code ?? "conflict", "Stripe is still processing an earlier request with this attempt id.");
        }

        if (status >= 500 || error.Type == "api_error")
        {
            return GatewayResult.Unknown(error.Code ?? error.Type, "Stripe reported an internal error; the request may have been processed.");
        }

        if (exception.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // Rejected before any processing. Stripe's own text names the (masked) key, so it is not passed on.
            var code = exception.HttpStatusCode == HttpStatusCode.Unauthorized ? "authentication_error" : "permission_error";
            return GatewayResult.Declined(code, "Stripe rejected the merchant's credentials; check the Stripe connection settings.", retryableElsewhere: true);
        }

        if (error.Type == "card_error")
        {
            return GatewayResult.Declined(
                StripeDeclineRules.CombinedCode(error.Code, error.DeclineCode),
                error.Message ?? "The card was declined.",
                StripeDeclineRules.IsRetryableElsewhere(error.Code, error.DeclineCode),
                reference);
        }

        if (error.Type == "invalid_request_error")
        {
            return GatewayResult.Declined(error.Code ?? error.Type, error.Message ?? "Stripe rejected the request.", retryableElsewhere: false, reference);
        }

        return GatewayResult.Unknown(error.Code ?? error.Type, "Stripe answered with an error the portal does not know; the request may have been processed.");
    }
}
