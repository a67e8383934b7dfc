using System.Globalization;
using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>Writes simulator outcomes in the shape Braintree's GraphQL API answers with.</summary>
internal static class BraintreeSimulatorReplies
{
    public static JsonObject For(BraintreeGraphQLRequest request, BraintreeSimulatedOutcome outcome) => outcome switch
    {
        ErrorOutcome error => Error(request.FieldName, error),
        TransactionOutcome { Transaction: var t } when request.Operation == BraintreeSimulatedOperation.ReverseTransaction =>
            Data(request.FieldName, new JsonObject { ["reversal"] = Transaction(t) }),
        RefundOutcome { Refund: var r } when request.Operation == BraintreeSimulatedOperation.ReverseTransaction =>
            Data(request.FieldName, new JsonObject { ["reversal"] = Refund(r) }),
        TransactionOutcome { Transaction: var t } => Data(request.FieldName, new JsonObject { ["transaction"] = Transaction(t) }),
        RefundOutcome { Refund: var r } => Data(request.FieldName, new JsonObject { ["refund"] = Refund(r) }),
        SearchOutcome search => Data(request.FieldName, new JsonObject { ["transactions"] = Connection(search) }),
        DisputeSearchOutcome search => Data(request.FieldName, new JsonObject { ["disputes"] = BraintreeSimulatorDisputeReplies.Connection(search) }),
        RefundSearchOutcome search => Data(request.FieldName, new JsonObject { ["refunds"] = Connection(search) }),
        ClientTokenOutcome token => Data(request.FieldName, new JsonObject { ["clientToken"] = token.ClientToken }),
        _ => Error(request.FieldName, new ErrorOutcome("INTERNAL", "The simulator produced no reply.")),
    };

    /// <summary>A GraphQL error; <paramref name="field"/>'s payload is null, as when a Braintree mutation fails.</summary>
    public static JsonObject Error(string? field, ErrorOutcome error)
    {
        var extensions = new JsonObject { ["errorClass"] = error.ErrorClass };
        if (error.LegacyCode is not null)
        {
            extensions["legacyCode"] = error.LegacyCode;
        }

        var item = new JsonObject { ["message"] = error.Message, ["extensions"] = extensions };
        var reply = new JsonObject { ["errors"] = new JsonArray(item), ["extensions"] = RequestExtensions() };
        if (field is not null)
        {
            item["path"] = new JsonArray(field);
            reply["data"] = new JsonObject { [field] = null };
        }

        return reply;
    }

    private static JsonObject Data(string field, JsonObject payload) =>
        new() { ["data"] = new JsonObject { [field] = payload }, ["extensions"] = RequestExtensions() };

    private static JsonObject RequestExtensions() => new() { ["requestId"] = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture) };

    private static JsonObject Connection(SearchOutcome search)
    {
        var edges = new JsonArray();
        foreach (var transaction in search.Transactions)
        {
            edges.Add(new JsonObject { ["node"] = Transaction(transaction) });
        }

        return new JsonObject { ["pageInfo"] = new JsonObject { ["hasNextPage"] = search.HasNextPage, ["endCursor"] = search.EndCursor }, ["edges"] = edges };
    }

    private static JsonObject Connection(RefundSearchOutcome search)
    {
        var edges = new JsonArray();
        foreach (var refund in search.Refunds)
        {
            var node = Refund(refund);
            node["merchantAccountId"] = refund.MerchantAccountId;
            var history = new JsonArray(new JsonObject
            {
                ["__typename"] = refund.Status == "SETTLED" ? "SettledEvent" : "SubmittedForSettlementEvent",
                ["status"] = refund.Status,
                ["timestamp"] = (refund.SettledAt ?? refund.CreatedAt).ToString("O", CultureInfo.InvariantCulture),
            });
            node["statusHistory"] = history;
            edges.Add(new JsonObject { ["node"] = node });
        }

        return new JsonObject { ["pageInfo"] = new JsonObject { ["hasNextPage"] = search.HasNextPage, ["endCursor"] = search.EndCursor }, ["edges"] = edges };
    }

    private static JsonObject Transaction(BraintreeSimulatedTransaction t)
    {
        var history = new JsonArray();
        foreach (var status in t.StatusHistory)
        {
            history.Add(StatusEvent(status, t));
        }

        var refunds = new JsonArray();
        foreach (var refund in t.Refunds)
        {
            refunds.Add(Refund(refund));
        }

        return new JsonObject
        {
            ["__typename"] = "Transaction",
            ["id"] = t.Id,
            ["legacyId"] = t.LegacyId,
            ["createdAt"] = t.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["orderId"] = t.OrderId,
            ["merchantAccountId"] = t.MerchantAccountId,
            ["status"] = t.Status,
            ["amount"] = Amount(t.Amount),
            ["processorResponse"] = new JsonObject { ["legacyCode"] = t.ProcessorResponseCode, ["message"] = t.ProcessorResponseMessage },
            ["paymentMethodSnapshot"] = new JsonObject
            {
                ["__typename"] = "CreditCardDetails",
                ["brandCode"] = t.Card.BrandCode,
                ["last4"] = t.Card.Last4,
                ["expirationMonth"] = t.Card.ExpirationMonth.ToString("00", CultureInfo.InvariantCulture),
                ["expirationYear"] = t.Card.ExpirationYear.ToString("0000", CultureInfo.InvariantCulture),
            },
            ["statusHistory"] = history,
            ["refunds"] = refunds,
            ["disbursementDetails"] = DisbursementDetails(t.DisbursementDate, t.Amount),
        };
    }

    private static JsonObject Refund(BraintreeSimulatedRefund r) => new()
    {
        ["__typename"] = "Refund",
        ["id"] = r.Id,
        ["legacyId"] = r.LegacyId,
        ["createdAt"] = r.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["orderId"] = r.OrderId,
        ["status"] = r.Status,
        ["amount"] = Amount(r.Amount),
        ["disbursementDetails"] = DisbursementDetails(r.DisbursementDate, r.Amount),
    };

    // Only disbursed payments have details. The simulator settles in the presentment currency, so the amount is the payment's own.
    private static JsonObject? DisbursementDetails(DateOnly? day, Core.Payments.Money amount) => day is { } date
        ? new JsonObject
        {
            ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["amount"] = Amount(amount),
            ["exchangeRate"] = "1",
            ["fundsHeld"] = false,
        }
        : null;

    internal static JsonObject Amount(Core.Payments.Money money) =>
        new() { ["value"] = money.ToMajorString(), ["currencyCode"] = money.Currency.Code };

    // Braintree's PaymentStatusEvent types; only the declined and rejected events carry a reason.
    private static JsonObject StatusEvent(string status, BraintreeSimulatedTransaction t)
    {
        // Only the settlement's time is kept; the other events are dated when the transaction was made.
        var at = status == "SETTLED" && t.SettledAt is { } settledAt ? settledAt : t.CreatedAt;
        var item = new JsonObject { ["status"] = status, ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture) };
        switch (status)
        {
            case "PROCESSOR_DECLINED":
                item["__typename"] = "ProcessorDeclinedEvent";
                item["declineType"] = t.DeclineType;
                break;
            case "GATEWAY_REJECTED":
                item["__typename"] = "GatewayRejectedEvent";
                item["gatewayRejectionReason"] = t.GatewayRejectionReason;
                break;
            default:
                item["__typename"] = status switch
                {
                    "AUTHORIZED" => "AuthorizedEvent",
                    "SUBMITTED_FOR_SETTLEMENT" => "SubmittedForSettlementEvent",
                    "SETTLED" => "SettledEvent",
                    "VOIDED" => "VoidedEvent",
                    "FAILED" => "FailedEvent",
                    _ => "PaymentStatusEvent",
                };
                break;
        }

        return item;
    }
}
