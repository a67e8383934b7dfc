using System.Globalization;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>Writes a dispute search in the shape of Braintree's DisputeConnection: Dispute nodes with their transaction and status history.</summary>
internal static class BraintreeSimulatorDisputeReplies
{
    public static JsonObject Connection(DisputeSearchOutcome search)
    {
        var edges = new JsonArray();
        foreach (var dispute in search.Disputes)
        {
            edges.Add(new JsonObject { ["node"] = Dispute(dispute) });
        }

        return new JsonObject { ["pageInfo"] = new JsonObject { ["hasNextPage"] = search.HasNextPage, ["endCursor"] = search.EndCursor }, ["edges"] = edges };
    }

    private static JsonObject Dispute(BraintreeSimulatedDispute d)
    {
        var history = new JsonArray();
        foreach (var (status, at) in d.StatusHistory)
        {
            history.Add(new JsonObject
            {
                ["status"] = status,
                ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
                ["effectiveDate"] = Day(at),
            });
        }

        return new JsonObject
        {
            ["id"] = d.Id,
            ["legacyId"] = d.LegacyId,
            ["amountDisputed"] = BraintreeSimulatorReplies.Amount(d.Amount),
            ["status"] = d.Status,
            ["reason"] = d.Reason,
            ["createdAt"] = d.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["receivedDate"] = Day(d.ReceivedDate),
            ["replyByDate"] = Day(d.ReplyByDate),
            ["transaction"] = new JsonObject
            {
                ["id"] = d.TransactionId,
                ["legacyId"] = d.TransactionLegacyId,
                ["orderId"] = d.TransactionOrderId,
                ["amount"] = BraintreeSimulatorReplies.Amount(d.TransactionAmount),
            },
            ["statusHistory"] = history,
        };
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
