using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PaymentsPortal.Sandbox.Plaid.Link;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>A request the simulator received, without its secrets: the Item it concerned (never the access token) and the outcome (Status 0: a fault dropped it unanswered).</summary>
public sealed record PlaidObservedRequest(DateTimeOffset At, string Path, string? ClientId, string? ItemId, int Status, string? ErrorCode);

/// <summary>
/// A stateful stand-in for the part of Plaid's API the portal's Plaid client calls (POST JSON, keys in the body or the
/// PLAID-CLIENT-ID / PLAID-SECRET headers), plus Plaid's sandbox helpers and a browser stand-in for Plaid Link. Served over real
/// HTTP by <see cref="PlaidSimulatorHost"/>. Items, accounts and transactions live in memory; webhooks go to the Item's webhook
/// URL through an <see cref="IPlaidWebhookSink"/>, signed with <see cref="WebhookKeys"/> (real ES256 keys made at start).
/// </summary>
public sealed partial class PlaidSimulator
{
    private readonly ConcurrentQueue<PlaidObservedRequest> requests = new();
    private readonly IPlaidWebhookSink? webhooks;
    private readonly byte[] clientId;
    private readonly byte[] secret;
    private readonly TimeProvider time;

    /// <param name="webhooks">Where webhooks go (usually a <see cref="PlaidWebhookSender"/>); dropped when null.</param>
    /// <param name="keys">The signing keys; a new set when null. Share one set with the sender.</param>
    public PlaidSimulator(PlaidSimulatorOptions? options = null, IPlaidWebhookSink? webhooks = null, PlaidWebhookKeys? keys = null, TimeProvider? clock = null)
    {
        Options = options ?? PlaidSimulatorOptions.Sandbox;
        this.webhooks = webhooks;
        time = clock ?? TimeProvider.System;
        WebhookKeys = keys ?? new PlaidWebhookKeys(time);
        clientId = Encoding.UTF8.GetBytes(Options.ClientId);
        secret = Encoding.UTF8.GetBytes(Options.Secret);
        State = new PlaidSimulatorState(Options, WebhookKeys, time);
    }

    public PlaidSimulatorOptions Options { get; }

    public PlaidWebhookKeys WebhookKeys { get; }

    /// <summary>Transport faults (latency, 500s, stalls, resets, outage); the host closes its listener while Outage is on.</summary>
    public PlaidFaults Faults { get; } = new();

    internal PlaidSimulatorState State { get; }

    /// <summary>Every API request received so far, oldest first (the Link stand-in's own calls are not listed).</summary>
    public IReadOnlyList<PlaidObservedRequest> Requests => [.. requests];

    public int RequestsReceived => requests.Count;

    /// <summary>Maps the API routes and the Link stand-in (under /link/v2/stable/) onto the simulator's own listener.</summary>
    public void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var endpoint in PlaidEndpoint.All)
        {
            routes.MapPost(endpoint.Path, context => HandleAsync(context, endpoint));
        }

        routes.MapPlaidLinkStandIn(this);
    }

    private async Task HandleAsync(HttpContext context, PlaidEndpoint endpoint)
    {
        var requestId = PlaidSeededValues.RequestId();
        var (request, error) = await PlaidRequest.ReadAsync(context, endpoint).ConfigureAwait(false);
        if (request is not null && !HasApiKeys(request))
        {
            error = PlaidApiError.InvalidApiKeys();
        }

        if (request is null || error is not null)
        {
            Observe(endpoint.Path, request?.ClientId, null, error!);
            await WriteAsync(context, error!.Status, error.ToJson(requestId)).ConfigureAwait(false);
            return;
        }

        if (!await Faults.BeforeCommitAsync(context, requestId).ConfigureAwait(false))
        {
            // Answered 500 by the fault, or stalled and dropped (status 0: no reply at all).
            var answered = context.Response.StatusCode == StatusCodes.Status500InternalServerError;
            requests.Enqueue(new PlaidObservedRequest(time.GetUtcNow(), endpoint.Path, request.ClientId, null,
                answered ? StatusCodes.Status500InternalServerError : 0, answered ? "INTERNAL_SERVER_ERROR" : null));
            return;
        }

        var result = endpoint.Handle(State, request);

        // Committed: its webhooks go out whatever happens to the reply.
        PublishWebhooks();
        Observe(endpoint.Path, request.ClientId, result.ItemId, result.Error);
        if (!await Faults.AfterCommitAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (result.Error is { } failed)
        {
            await WriteAsync(context, failed.Status, failed.ToJson(requestId)).ConfigureAwait(false);
            return;
        }

        var body = result.Body!;
        body["request_id"] = requestId;
        await WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    internal void PublishWebhooks()
    {
        foreach (var outgoing in State.TakeWebhooks())
        {
            webhooks?.Publish(new PlaidWebhook(outgoing.Url, outgoing.WebhookType, outgoing.WebhookCode, outgoing.ItemId, outgoing.Body,
                WebhookKeys.Sign(outgoing.Body)));
        }
    }

    internal static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    // Compared in constant time: the simulator guards nothing real, but it should not teach a timing leak.
    private bool HasApiKeys(PlaidRequest request) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.ClientId ?? ""), clientId)
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Secret ?? ""), secret);

    private void Observe(string path, string? client, string? itemId, PlaidApiError? error) =>
        requests.Enqueue(new PlaidObservedRequest(time.GetUtcNow(), path, client, itemId, error?.Status ?? StatusCodes.Status200OK, error?.ErrorCode));
}
