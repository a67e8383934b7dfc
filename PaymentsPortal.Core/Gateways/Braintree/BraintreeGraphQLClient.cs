using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>What one GraphQL call produced: a reply to interpret, or a failure already classified.</summary>
internal sealed record BraintreeCall(GraphQLResponse? Reply, GatewayResult? Failure)
{
    public static BraintreeCall Replied(GraphQLResponse reply) => new(reply, null);

    public static BraintreeCall Failed(GatewayResult failure) => new(null, failure);
}

/// <summary>
/// A typed client for Braintree's GraphQL endpoint (POST {base}/graphql, Basic auth with public:private key,
/// Braintree-Version header, JSON body {query, variables}). It never retries: a resent charge has no idempotency key,
/// so a retry could charge twice. Each call is bounded by the connection's attempt timeout.
/// </summary>
public sealed class BraintreeGraphQLClient
{
    /// <summary>The API version we are written against; Braintree keeps behaviour stable per version date.</summary>
    public const string ApiVersion = "2019-01-01";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly TimeSpan attemptTimeout;

    public BraintreeGraphQLClient(HttpClient http, GatewayConnection connection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        this.http = http;
        endpoint = new Uri(connection.BaseAddress, "graphql");
        authorization = BraintreeCredentials.ToAuthorization(connection.Secret);
        attemptTimeout = connection.AttemptTimeout;
    }

    /// <summary>Where requests go; for diagnostics (it carries no credentials).</summary>
    public Uri Endpoint => endpoint;

    internal async Task<BraintreeCall> SendAsync(string query, object variables, CancellationToken cancellationToken)
    {
        // Nothing has been sent yet: a caller that already gave up gets the usual cancellation, not an outcome.
        cancellationToken.ThrowIfCancellationRequested();
        if (authorization is null)
        {
            return BraintreeCall.Failed(GatewayResult.NotSent("configuration",
                "The Braintree credentials are not in the form public_key:private_key."));
        }

        using var timeout = new CancellationTokenSource(attemptTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = CreateRequest(query, variables);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (BraintreeTransportClassifier.ClassifyStatus(response.StatusCode) is { } byStatus)
            {
                return BraintreeCall.Failed(byStatus);
            }

            var reply = await ReadReplyAsync(response, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return reply is null
                    ? BraintreeCall.Failed(GatewayResult.Unknown("unreadable_reply", "Braintree's reply was empty; it may have processed the request."))
                    : BraintreeCall.Replied(reply);
            }

            // Any other 4xx: refused before execution. A GraphQL error body says why; without one the status does.
            return reply?.Errors is { Count: > 0 }
                ? BraintreeCall.Replied(reply with { Data = null })
                : BraintreeCall.Failed(BraintreeTransportClassifier.RejectedStatus(response.StatusCode));
        }
        catch (Exception exception) when (BraintreeTransportClassifier.IsTransportFailure(exception))
        {
            return BraintreeCall.Failed(BraintreeTransportClassifier.Classify(exception, cancellationToken.IsCancellationRequested, attemptTimeout));
        }
    }

    private HttpRequestMessage CreateRequest(string query, object variables)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new GraphQLRequest(query, variables), BraintreeJson.Options);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Authorization = authorization;
        request.Headers.Add("Braintree-Version", ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    // The body is read under the same deadline as the headers: a reply that stalls half-way is a timeout too.
    private static async Task<GraphQLResponse?> ReadReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<GraphQLResponse>(bytes, BraintreeJson.Options);
        }
        catch (JsonException) when (!response.IsSuccessStatusCode)
        {
            // A 4xx page from a proxy is not JSON; the status alone classifies it.
            return null;
        }
    }
}

/// <summary>Builds the Basic authorization value from "public_key:private_key" without ever echoing it.</summary>
internal static class BraintreeCredentials
{
    public static AuthenticationHeaderValue? ToAuthorization(string? secret)
    {
        var separator = secret?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (secret is null || separator <= 0 || separator == secret.Length - 1)
        {
            return null;
        }

        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
    }
}
