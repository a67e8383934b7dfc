namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>
/// Reads back what happened at one gateway for one merchant since a point in time, as the events its webhooks would have
/// carried, so the gateway sync can store whatever never arrived in the webhook inbox and the same handlers apply it. Reads
/// only: it never changes anything at the gateway.
/// </summary>
public interface IGatewayActivityFeed
{
    GatewayKind Kind { get; }

    /// <summary>
    /// The events of the types in <paramref name="eventTypes"/> that the gateway recorded at or after <paramref name="since"/>,
    /// in any order. Throws when the gateway cannot be read; the sync then keeps its cursor and tries again on its next run.
    /// </summary>
    IAsyncEnumerable<GatewayActivity> ReadAsync(
        GatewayConnection connection, DateTimeOffset since, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken);
}

/// <summary>One event as the gateway keeps it: the same id, type and body its webhook delivery carries.</summary>
public sealed record GatewayActivity(string EventId, string EventType, bool Livemode, DateTimeOffset OccurredAt, string Payload);
