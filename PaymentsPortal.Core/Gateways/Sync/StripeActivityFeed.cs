using System.Runtime.CompilerServices;
using System.Text.Json;
using Stripe;

namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>
/// Stripe's own record of what happened: <c>GET /v1/events</c> through Stripe.net, filtered to the types the portal handles. Stripe
/// recommends exactly this for catching up on missed webhooks, and it catches what listing charges, refunds, disputes and payouts by
/// creation date would miss: a change to an object made long ago (a dispute decided, a paid payout returned by the bank). Stripe
/// keeps events for 30 days, which bounds how far back a sync that was off can catch up.
/// </summary>
public sealed class StripeActivityFeed(IHttpClientFactory httpClients) : IGatewayActivityFeed
{
    /// <summary>Stripe's limit on <c>types[]</c> in one list call.</summary>
    public const int MaxTypesPerCall = 20;

    /// <summary>Stripe keeps events this long; asking for older ones returns nothing, so the sync never asks.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public GatewayKind Kind => GatewayKind.Stripe;

    public async IAsyncEnumerable<GatewayActivity> ReadAsync(
        GatewayConnection connection, DateTimeOffset since, IReadOnlyCollection<string> eventTypes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventTypes);
        var events = new EventService(Client(connection));
        foreach (var types in eventTypes.Order(StringComparer.Ordinal).Chunk(MaxTypesPerCall))
        {
            var options = new EventListOptions
            {
                Types = [.. types],
                Created = new DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime },
                Limit = 100,
            };
            await foreach (var stripeEvent in events.ListAutoPagingAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return new GatewayActivity(
                    stripeEvent.Id, stripeEvent.Type, stripeEvent.Livemode, new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)),
                    Body(stripeEvent));
            }
        }
    }

    // The event exactly as Stripe sent it when the SDK kept it, so the inbox holds what a webhook would have held; otherwise the
    // SDK's own serialization of it, which its event parser reads back the same way.
    private static string Body(Event stripeEvent) =>
        stripeEvent.RawJsonElement is { ValueKind: JsonValueKind.Object } raw ? raw.GetRawText() : stripeEvent.ToJson();

    private StripeClient Client(GatewayConnection connection) => new(new StripeClientOptions
    {
        ApiKey = connection.Secret,
        ApiBase = connection.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),

        // Reads only, so the SDK may retry them (with its backoff, and honouring 429s): a repeated GET changes nothing.
        HttpClient = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), maxNetworkRetries: 2, enableTelemetry: false),
    });

    public const string HttpClientName = "StripeSync";
}
