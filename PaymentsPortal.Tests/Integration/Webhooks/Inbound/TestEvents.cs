using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>Provider events as Stripe and Braintree shape them, with only the fields the portal reads plus the ones that name the object.</summary>
internal static class TestEvents
{
    public static string Stripe(string type, JsonObject dataObject, DateTimeOffset created, bool livemode = false, string? id = null) =>
        new JsonObject
        {
            ["id"] = id ?? "evt_" + RandomNumberGenerator.GetHexString(24, lowercase: true),
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = created.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = dataObject },
            ["livemode"] = livemode,
            ["type"] = type,
        }.ToJsonString();

    /// <summary>A PaymentIntent carrying the metadata the Stripe adapter sends with every charge.</summary>
    public static JsonObject Intent(string intentId, Guid attemptId, Guid paymentId, Money amount, string status) =>
        new()
        {
            ["id"] = intentId,
            ["object"] = "payment_intent",
            ["amount"] = amount.MinorUnits,
            ["amount_capturable"] = status == "requires_capture" ? amount.MinorUnits : 0,
            ["amount_received"] = status == "succeeded" ? amount.MinorUnits : 0,
            ["currency"] = amount.Currency.Code.ToLowerInvariant(),
            ["livemode"] = false,
            ["metadata"] = new JsonObject { ["attempt_id"] = attemptId.ToString(), ["payment_id"] = paymentId.ToString() },
            ["status"] = status,
        };

    public static JsonObject Refund(string refundId, Guid portalRefundId, string intentId, Money amount, string status) =>
        new()
        {
            ["id"] = refundId,
            ["object"] = "refund",
            ["amount"] = amount.MinorUnits,
            ["currency"] = amount.Currency.Code.ToLowerInvariant(),
            ["metadata"] = new JsonObject { ["refund_id"] = portalRefundId.ToString() },
            ["payment_intent"] = intentId,
            ["status"] = status,
        };

    public static JsonObject Charge(string intentId, long amountRefunded, params JsonObject[] refunds) =>
        new()
        {
            ["id"] = "ch_" + RandomNumberGenerator.GetHexString(24, lowercase: true),
            ["object"] = "charge",
            ["amount_refunded"] = amountRefunded,
            ["payment_intent"] = intentId,
            ["refunded"] = true,
            ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. refunds]), ["has_more"] = false },
        };

    /// <summary>A dispute on the charge of <paramref name="intentId"/>, opened at <paramref name="opened"/>, evidence due a week later.</summary>
    public static JsonObject Dispute(string disputeId, string intentId, Money amount, string status, DateTimeOffset opened, string reason = "fraudulent") =>
        new()
        {
            ["id"] = disputeId,
            ["object"] = "dispute",
            ["amount"] = amount.MinorUnits,
            ["currency"] = amount.Currency.Code.ToLowerInvariant(),
            ["charge"] = "ch_" + intentId,
            ["payment_intent"] = intentId,
            ["created"] = opened.ToUnixTimeSeconds(),
            ["evidence_details"] = new JsonObject
            {
                ["due_by"] = opened.AddDays(7).ToUnixTimeSeconds(),
                ["has_evidence"] = false,
                ["past_due"] = false,
                ["submission_count"] = 0,
            },
            ["is_charge_refundable"] = false,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["reason"] = reason,
            ["status"] = status,
        };

    public static JsonObject Payout(string payoutId, Money amount, string status, DateTimeOffset created, string? failureCode = null) =>
        new()
        {
            ["id"] = payoutId,
            ["object"] = "payout",
            ["amount"] = amount.MinorUnits,
            ["arrival_date"] = created.AddDays(2).ToUnixTimeSeconds(),
            ["automatic"] = true,
            ["created"] = created.ToUnixTimeSeconds(),
            ["currency"] = amount.Currency.Code.ToLowerInvariant(),
            ["description"] = "STRIPE PAYOUT",
            ["destination"] = "ba_test_bank",
            ["failure_code"] = failureCode,
            ["failure_message"] = failureCode is null ? null : "The bank account has been closed.",
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["method"] = "standard",
            ["statement_descriptor"] = "DEMO COFFEE",
            ["status"] = status,
            ["type"] = "bank_account",
        };

    /// <summary>bt_payload of a transaction notification: base64 of its XML, with a trailing line break as Braintree sends it.</summary>
    public static string Braintree(string kind, string legacyId, string type, Money amount, string orderId, DateTimeOffset at) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
            <notification>
              <timestamp type="datetime">{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</timestamp>
              <kind>{kind}</kind>
              <subject>
                <transaction>
                  <id>{legacyId}</id>
                  <status>{(kind == "transaction_settlement_declined" ? "settlement_declined" : "settled")}</status>
                  <type>{type}</type>
                  <amount>{amount.ToMajorString()}</amount>
                  <currency-iso-code>{amount.Currency.Code}</currency-iso-code>
                  <order-id>{orderId}</order-id>
                </transaction>
              </subject>
            </notification>
            """))) + "\n";
}
