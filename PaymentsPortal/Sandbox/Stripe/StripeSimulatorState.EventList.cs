using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

// GET /v1/events and /v1/events/{id}: every event emitted is also kept, per account, for a poller to list.
internal sealed partial class StripeSimulatorState
{
    /// <summary>
    /// Stripe lists the last 30 days of events. A simulator that runs for days under a benchmark would hold them all in
    /// memory, so each account keeps its newest 100,000 instead: far more than a sync job pages through between two runs
    /// (a day of a busy sandbox), at a few kilobytes an event: some hundreds of megabytes for an account at the cap.
    /// </summary>
    internal const int RetainedEventsPerAccount = 100_000;

    /// <summary>Stripe's limit on <c>types[]</c>.</summary>
    private const int MaxEventTypes = 20;

    // Trimming a batch at a time keeps a steady stream of events from shifting the whole list on every one.
    private const int RetentionSlack = 1_000;

    private readonly Dictionary<string, StripeTimeline<RetainedEvent>> eventLog = new(StringComparer.Ordinal);

    public StripeReply ListEvents(string account, StripeParameters parameters)
    {
        if (!StripeListRequest.TryParse(parameters, out var request, out var invalid))
        {
            return invalid!;
        }

        var type = parameters["type"];
        var types = parameters.Array("types");
        if (type is not null && types.Count > 0)
        {
            return StripeReply.Invalid(null, "You may only specify one of these parameters: type, types.", "types");
        }

        if (types.Count > MaxEventTypes)
        {
            return StripeReply.Invalid(null, $"Invalid array: types may contain at most {MaxEventTypes} items.", "types");
        }

        Func<RetainedEvent, bool> matches = type switch
        {
            // Stripe's wildcard: "charge.dispute.*" is every type under charge.dispute (and "*" every type).
            not null when type.EndsWith('*') => stored => stored.Type.StartsWith(type[..^1], StringComparison.Ordinal),
            not null => stored => stored.Type == type,
            null when types.Count > 0 => stored => types.Contains(stored.Type, StringComparer.Ordinal),
            null => _ => true,
        };
        return Read(() => request.Page(eventLog.GetValueOrDefault(account), "event", matches, EventJson, "/v1/events"));
    }

    public StripeReply GetEvent(string account, string id) =>
        Read(() => eventLog.GetValueOrDefault(account)?.Find(id) is { } stored ? StripeReply.Ok(EventJson(stored)) : StripeReply.Missing("event", id, "id"));

    private static JsonObject EventJson(RetainedEvent stored) => JsonNode.Parse(stored.Json)!.AsObject();

    private void Retain(string account, RetainedEvent stored)
    {
        if (!eventLog.TryGetValue(account, out var log))
        {
            eventLog[account] = log = new StripeTimeline<RetainedEvent>();
        }

        log.Add(stored);
        if (log.Count >= RetainedEventsPerAccount + RetentionSlack)
        {
            log.TrimTo(RetainedEventsPerAccount);
        }
    }
}
