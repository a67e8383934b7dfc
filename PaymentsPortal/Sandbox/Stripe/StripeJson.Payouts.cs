using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

// Payouts, after the payout example in Stripe's fixtures.
internal static partial class StripeJson
{
    public static JsonObject Payout(SimulatedPayout payout) =>
        new()
        {
            ["id"] = payout.Id,
            ["object"] = "payout",
            ["amount"] = payout.Amount,
            ["application_fee"] = null,
            ["application_fee_amount"] = null,
            ["arrival_date"] = payout.ArrivalDate,
            ["automatic"] = payout.Automatic,
            ["balance_transaction"] = "txn_" + payout.Id[3..],
            ["created"] = payout.Created,
            ["currency"] = payout.Currency,
            ["description"] = payout.Description,
            ["destination"] = payout.Destination,
            ["failure_balance_transaction"] = payout.Status == "failed" ? "txn_" + payout.Id[3..] + "F" : null,
            ["failure_code"] = payout.FailureCode,
            ["failure_message"] = payout.FailureMessage,
            ["livemode"] = false,
            ["metadata"] = Metadata(payout.Metadata),
            ["method"] = "standard",
            ["original_payout"] = null,
            ["reconciliation_status"] = payout.Status == "paid" ? "completed" : "not_applicable",
            ["reversed_by"] = null,
            ["source_type"] = "card",
            ["statement_descriptor"] = payout.StatementDescriptor,
            ["status"] = payout.Status,
            ["type"] = "bank_account",
        };
}
