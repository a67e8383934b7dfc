using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

// Disputes, after the dispute example in Stripe's fixtures.
internal static partial class StripeJson
{
    // Stripe lists every evidence field, null until the merchant submits it; the simulator takes no evidence.
    private static readonly string[] EvidenceFields =
    [
        "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
        "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
        "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
        "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
        "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
        "uncategorized_file", "uncategorized_text",
    ];

    /// <param name="brand">The disputed card's network, for payment_method_details.</param>
    public static JsonObject Dispute(SimulatedDispute dispute, string? brand)
    {
        var evidence = new JsonObject();
        foreach (var field in EvidenceFields)
        {
            evidence[field] = null;
        }

        evidence["enhanced_evidence"] = new JsonObject();
        return new JsonObject
        {
            ["id"] = dispute.Id,
            ["object"] = "dispute",
            ["amount"] = dispute.Amount,
            ["balance_transactions"] = new JsonArray(),
            ["charge"] = dispute.ChargeId,
            ["created"] = dispute.Created,
            ["currency"] = dispute.Currency,
            ["enhanced_eligibility_types"] = new JsonArray(),
            ["evidence"] = evidence,
            ["evidence_details"] = new JsonObject
            {
                ["due_by"] = dispute.DueBy,
                ["enhanced_eligibility"] = new JsonObject(),
                ["has_evidence"] = false,
                ["past_due"] = false,
                ["submission_count"] = 0,
            },
            ["is_charge_refundable"] = false,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["payment_intent"] = dispute.IntentId,
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["brand"] = brand,
                    ["case_type"] = "chargeback",

                    // Visa's code for "other fraud, card-absent environment", which is what a fraudulent dispute is.
                    ["network_reason_code"] = "10.4",
                },
                ["type"] = "card",
            },
            ["reason"] = dispute.Reason,
            ["status"] = dispute.Status,
        };
    }
}
