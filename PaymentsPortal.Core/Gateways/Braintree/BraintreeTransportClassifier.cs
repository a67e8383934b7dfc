using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>
/// Decides what a failed HTTP exchange with Braintree says about the charge. The rule is money-safety first: only a
/// failure that happened before a connection existed proves the request never arrived (NotSent, so another gateway
/// may try). Everything after the first byte could have been sent — a timeout, a reset, a 5xx, an unreadable body —
/// is Unknown and goes to reconciliation by order id.
/// </summary>
internal static class BraintreeTransportClassifier
{
    /// <summary>The exceptions an HTTP exchange can end in; anything else is a bug and is not swallowed.</summary>
    public static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or IOException or SocketException or OperationCanceledException or JsonException;

    /// <param name="callerCanceled">The caller's token fired (not our attempt timeout).</param>
    public static GatewayResult Classify(Exception exception, bool callerCanceled, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException)
        {
            // HttpClient's own timeout is a TaskCanceledException too: either way the request may be at Braintree.
            return callerCanceled
                ? GatewayResult.Unknown("canceled", "The call was canceled after it started; Braintree may have processed it.")
                : GatewayResult.Unknown("timeout", string.Create(CultureInfo.InvariantCulture,
                    $"No reply from Braintree within {attemptTimeout.TotalMilliseconds:0} ms; it may have processed the request."));
        }

        if (exception is JsonException)
        {
            return GatewayResult.Unknown("unreadable_reply", "Braintree's reply could not be read; it may have processed the request.");
        }

        if (ProvesNotSent(exception, out var code))
        {
            return GatewayResult.NotSent(code, "Braintree was not reached: " + Describe(exception));
        }

        return GatewayResult.Unknown("connection_lost", "The connection to Braintree failed mid-request; it may have processed it: " + Describe(exception));
    }

    /// <summary>
    /// True only for a refused connection or a name that did not resolve, found anywhere in the exception chain.
    /// A reset, a TLS failure, an unreachable host or a connect timeout are left Unknown: some of them may also be
    /// pre-connection, but the socket error does not prove it on every platform, and Unknown costs only a lookup.
    /// </summary>
    public static bool ProvesNotSent(Exception exception, out string code)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                code = "name_not_resolved";
                return true;
            }

            if (current is SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        code = "connection_refused";
                        return true;
                    case SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                        code = "name_not_resolved";
                        return true;
                }
            }
        }

        code = "";
        return false;
    }

    /// <summary>
    /// What an HTTP status says before the body is read; null when the body decides (2xx, and other 4xx whose body
    /// may carry GraphQL errors). Braintree answers 200 even for most errors, so this is the exception path.
    /// </summary>
    public static GatewayResult? ClassifyStatus(HttpStatusCode status)
    {
        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => null,

            // Braintree refuses these before executing anything and documents that no transaction is created, so they
            // are NotSent: the card is not at fault, and a Declined would tell the customer otherwise.
            401 => GatewayResult.NotSent("authentication", "Braintree rejected the API credentials (HTTP 401)."),
            403 => GatewayResult.NotSent("authorization", "The Braintree API key may not perform this operation (HTTP 403)."),
            429 => GatewayResult.NotSent("rate_limited", "Braintree rate-limited the request (HTTP 429); it was not processed."),

            // A request timeout or any server error says nothing about whether the operation ran.
            408 => GatewayResult.Unknown("http_408", "Braintree timed out the request (HTTP 408); it may have processed it."),
            >= 500 => GatewayResult.Unknown(HttpCode(code), string.Create(CultureInfo.InvariantCulture,
                $"Braintree answered HTTP {code}; it may have processed the request.")),

            >= 400 => null,
            _ => GatewayResult.Unknown(HttpCode(code), string.Create(CultureInfo.InvariantCulture, $"Unexpected HTTP {code} from Braintree.")),
        };
    }

    /// <summary>A 4xx without a readable GraphQL body: the request was refused as malformed, so nothing ran.</summary>
    public static GatewayResult RejectedStatus(HttpStatusCode status) =>
        GatewayResult.Declined(HttpCode((int)status), string.Create(CultureInfo.InvariantCulture,
            $"Braintree refused the request (HTTP {(int)status}); nothing was processed."), retryableElsewhere: false);

    private static string HttpCode(int code) => "http_" + code.ToString(CultureInfo.InvariantCulture);

    // Exception messages from the HTTP stack name the host and port, never the credentials (they travel in a header).
    private static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message;
}
