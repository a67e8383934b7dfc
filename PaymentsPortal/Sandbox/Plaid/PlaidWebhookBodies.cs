using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Plaid;

/// <summary>
/// The bodies of the webhooks the simulator sends, shaped as Plaid's OpenAPI webhook schemas (SyncUpdatesAvailableWebhook,
/// DefaultUpdateWebhook, ItemErrorWebhook, PendingExpirationWebhook, PendingDisconnectWebhook, ItemLoginRepairedWebhook,
/// AuthDefaultUpdateWebhook, the micro-deposit AUTH webhooks …). Written with two-space indentation as Plaid sends them, so a
/// receiver that re-serialises instead of hashing the raw body fails here as it would against Plaid.
/// </summary>
internal static class PlaidWebhookBodies
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject SyncUpdatesAvailable(PlaidItemRecord item) => Base("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE", item,
        ("initial_update_complete", true), ("historical_update_complete", item.UpdateStatus == "HISTORICAL_UPDATE_COMPLETE"));

    public static JsonObject TransactionsDefaultUpdate(PlaidItemRecord item, int newTransactions) =>
        Base("TRANSACTIONS", "DEFAULT_UPDATE", item, ("error", null), ("new_transactions", newTransactions));

    public static JsonObject ItemError(PlaidItemRecord item, PlaidApiError error) =>
        Base("ITEM", "ERROR", item, ("error", error.ToWebhookJson()));

    public static JsonObject PendingExpiration(PlaidItemRecord item, DateTimeOffset expires) =>
        Base("ITEM", "PENDING_EXPIRATION", item, ("consent_expiration_time", PlaidJson.Time(expires)));

    public static JsonObject PendingDisconnect(PlaidItemRecord item, DateTimeOffset disconnects) =>
        Base("ITEM", "PENDING_DISCONNECT", item, ("reason", "INSTITUTION_TOKEN_EXPIRATION"), ("disconnect_time", PlaidJson.Time(disconnects)));

    public static JsonObject ItemCode(PlaidItemRecord item, string code) => Base("ITEM", code, item, ("error", null));

    public static JsonObject AuthDefaultUpdate(PlaidItemRecord item) => Base("AUTH", "DEFAULT_UPDATE", item,
        ("account_ids_with_new_auth", new JsonArray()), ("account_ids_with_updated_auth", new JsonObject()), ("error", null));

    /// <summary>AUTOMATICALLY_VERIFIED or VERIFICATION_EXPIRED for one account of a micro-deposit Item.</summary>
    public static JsonObject MicrodepositVerification(PlaidItemRecord item, string code, string accountId) =>
        Base("AUTH", code, item, ("account_id", accountId), ("error", null));

    public static string Serialize(JsonObject body) => body.ToJsonString(Indented);

    private static JsonObject Base(string type, string code, PlaidItemRecord item, params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["webhook_type"] = type, ["webhook_code"] = code, ["item_id"] = item.ItemId };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        body["environment"] = "sandbox";
        return body;
    }
}
