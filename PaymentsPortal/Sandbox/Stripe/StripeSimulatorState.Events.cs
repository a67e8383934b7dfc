using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

// The events Stripe would send for what just happened, in its event object's shape: collected under the state's lock as
// each change is made, so every event carries the object exactly as it was then, and handed out once the request committed.
internal sealed partial class StripeSimulatorState
{
    private static readonly IReadOnlySet<string> NothingExpanded = new HashSet<string>();

    private readonly List<StripeSimulatedEvent> pendingEvents = [];

    /// <summary>The events of changes committed so far, each handed out once.</summary>
    public IReadOnlyList<StripeSimulatedEvent> TakeEvents()
    {
        lock (gate)
        {
            if (pendingEvents.Count == 0)
            {
                return [];
            }

            var taken = pendingEvents.ToList();
            pendingEvents.Clear();
            return taken;
        }
    }

    private void EmitIntent(SimulatedIntent intent, string type) => Emit(intent.Account, type, IntentJson(intent, NothingExpanded));

    private void EmitRefund(string account, SimulatedRefund refund, SimulatedCharge charge)
    {
        Emit(account, "refund.created", StripeJson.Refund(refund));

        // Listed in the charge as API versions before 2022-11-15 did, so the portal's charge.refunded handler has refunds to read.
        var chargeJson = StripeJson.Charge(charge, ExpiryYear());
        chargeJson["refunds"] = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. charge.RefundIds.Select(id => (JsonNode)StripeJson.Refund(refunds[id]))]),
            ["has_more"] = false,
            ["url"] = $"/v1/charges/{charge.Id}/refunds",
        };
        Emit(account, "charge.refunded", chargeJson);
    }

    private void Emit(string account, string type, JsonObject dataObject)
    {
        var id = NewId("evt");
        var created = Now();
        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = StripeSimulator.DefaultApiVersion,
            ["created"] = created,
            ["data"] = new JsonObject { ["object"] = dataObject },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();
        pendingEvents.Add(new StripeSimulatedEvent(account, type, json));
        Retain(account, new RetainedEvent(id, created, NextSequence(), type, json));
    }
}

/// <summary>One event of the simulated account <paramref name="Account"/> (the secret key), its JSON as Stripe would send it.</summary>
internal sealed record StripeSimulatedEvent(string Account, string Type, string Json);

/// <summary>An event as GET /v1/events finds it again: the same JSON the webhook carried.</summary>
internal sealed record RetainedEvent(string Id, long Created, long Sequence, string Type, string Json) : IStripeListed;
