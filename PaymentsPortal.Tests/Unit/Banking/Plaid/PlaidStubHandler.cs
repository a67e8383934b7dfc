using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PaymentsPortal.Tests.Unit.Banking.Plaid;

/// <summary>One request as the client put it on the wire.</summary>
internal sealed record PlaidSentRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => Uri.AbsolutePath;
}

/// <summary>
/// Stands in for Plaid: records every request and answers by path with a scripted reply (a status, a JSON body and
/// optional headers), or runs a function for replies that depend on the request or must fail in transit.
/// </summary>
internal sealed class PlaidStubHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<PlaidSentRequest, CancellationToken, Task<HttpResponseMessage>>> routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<PlaidSentRequest> Requests { get; } = new();

    public PlaidStubHandler Reply(string path, HttpStatusCode status, string body, Action<HttpResponseMessage>? headers = null) =>
        On(path, (_, _) =>
        {
            var response = Json(status, body);
            headers?.Invoke(response);
            return Task.FromResult(response);
        });

    public PlaidStubHandler On(string path, Func<PlaidSentRequest, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        routes[path] = answer;
        return this;
    }

    public int CountFor(string path) => Requests.Count(r => r.Path == path);

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var sent = new PlaidSentRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Enqueue(sent);
        return routes.TryGetValue(sent.Path, out var answer)
            ? await answer(sent, cancellationToken)
            : Json(HttpStatusCode.NotFound, """{"error_type":"INVALID_REQUEST","error_code":"NOT_FOUND","error_message":"no stub for this path","display_message":null}""");
    }
}
