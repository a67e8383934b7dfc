using System.Text.Json.Nodes;

namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>
/// The simulator's objects in Stripe's JSON shapes (after Stripe's published example objects), with the fields the
/// portal and Stripe.net read and the common ones a reader of a reply expects to see.
/// </summary>
internal static partial class StripeJson
{
    public static JsonObject Intent(SimulatedIntent intent, SimulatedCharge? latestCharge, IReadOnlySet<string> expand, int expYear) =>
        new()
        {
            ["id"] = intent.Id,
            ["object"] = "payment_intent",
            ["amount"] = intent.Amount,
            ["amount_capturable"] = intent.AmountCapturable,
            ["amount_details"] = new JsonObject { ["tip"] = new JsonObject() },
            ["amount_received"] = intent.AmountReceived,
            ["application"] = null,
            ["application_fee_amount"] = null,
            ["automatic_payment_methods"] = intent.AutomaticPaymentMethods
                ? new JsonObject { ["allow_redirects"] = intent.AllowRedirects ?? "always", ["enabled"] = true }
                : null,
            ["canceled_at"] = intent.CanceledAt,
            ["cancellation_reason"] = intent.CancellationReason,
            ["capture_method"] = intent.CaptureMethod,
            ["client_secret"] = intent.ClientSecret,
            ["confirmation_method"] = "automatic",
            ["created"] = intent.Created,
            ["currency"] = intent.Currency,
            ["customer"] = null,
            ["description"] = intent.Description,
            ["last_payment_error"] = intent.LastPaymentError is { } error ? Error(error) : null,
            ["latest_charge"] = latestCharge is null ? null
                : expand.Contains("latest_charge") ? Charge(latestCharge, expYear) : latestCharge.Id,
            ["livemode"] = false,
            ["metadata"] = Metadata(intent.Metadata),
            ["next_action"] = NextAction(intent),
            ["on_behalf_of"] = null,
            ["payment_method"] = expand.Contains("payment_method") ? PaymentMethod(intent.PaymentMethodId, intent.Created, expYear) : intent.PaymentMethodId,
            ["payment_method_options"] = new JsonObject { ["card"] = new JsonObject { ["request_three_d_secure"] = "automatic" } },
            ["payment_method_types"] = new JsonArray("card"),
            ["processing"] = null,
            ["receipt_email"] = intent.ReceiptEmail,
            ["review"] = null,
            ["setup_future_usage"] = null,
            ["shipping"] = null,
            ["source"] = null,
            ["statement_descriptor"] = null,
            ["statement_descriptor_suffix"] = null,
            ["status"] = intent.Status,
            ["transfer_data"] = null,
            ["transfer_group"] = null,
        };

    public static JsonObject Charge(SimulatedCharge charge, int expYear)
    {
        var card = StripeTestCards.Find(charge.PaymentMethodId);
        var amountRefunded = charge.AmountRefunded + charge.AmountReleased;
        return new JsonObject
        {
            ["id"] = charge.Id,
            ["object"] = "charge",
            ["amount"] = charge.Amount,
            ["amount_captured"] = charge.AmountCaptured,
            ["amount_refunded"] = amountRefunded,
            ["balance_transaction"] = charge.Captured ? "txn_" + charge.Id[3..] : null,
            ["billing_details"] = BillingDetails(),
            ["captured"] = charge.Captured,
            ["created"] = charge.Created,
            ["currency"] = charge.Currency,
            ["customer"] = null,
            ["description"] = charge.Description,
            ["disputed"] = charge.DisputeId is not null,
            ["failure_code"] = charge.Failure?.Code,
            ["failure_message"] = charge.Failure?.Message,
            ["fraud_details"] = new JsonObject(),
            ["livemode"] = false,
            ["metadata"] = Metadata(charge.Metadata),
            ["outcome"] = new JsonObject
            {
                ["network_status"] = charge.Succeeded ? "approved_by_network" : "declined_by_network",
                ["reason"] = charge.Failure?.DeclineCode,
                ["risk_level"] = "normal",
                ["seller_message"] = charge.Succeeded ? "Payment complete." : "The bank did not return any further details with this decline.",
                ["type"] = charge.Succeeded ? "authorized" : "issuer_declined",
            },
            ["paid"] = charge.Succeeded,
            ["payment_intent"] = charge.IntentId,
            ["payment_method"] = charge.PaymentMethodId,
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["brand"] = card?.Brand,
                    ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" },
                    ["country"] = "US",
                    ["exp_month"] = 12,
                    ["exp_year"] = expYear,
                    ["funding"] = card?.Funding,
                    ["last4"] = card?.Last4,
                    ["network"] = card?.Brand,
                },
                ["type"] = "card",
            },
            ["receipt_email"] = null,
            ["refunded"] = amountRefunded == charge.Amount,
            ["refunds"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(),
                ["has_more"] = charge.RefundIds.Count > 0,
                ["url"] = $"/v1/charges/{charge.Id}/refunds",
            },
            ["status"] = charge.Succeeded ? "succeeded" : "failed",
        };
    }

    public static JsonObject? PaymentMethod(string id, long created, int expYear) =>
        StripeTestCards.Find(id) is not { } card ? null : new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_method",
            ["allow_redisplay"] = "unspecified",
            ["billing_details"] = BillingDetails(),
            ["card"] = new JsonObject
            {
                ["brand"] = card.Brand,
                ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "unchecked" },
                ["country"] = "US",
                ["display_brand"] = card.Brand,
                ["exp_month"] = 12,
                ["exp_year"] = expYear,
                ["funding"] = card.Funding,
                ["last4"] = card.Last4,
                ["networks"] = new JsonObject { ["available"] = new JsonArray(card.Brand), ["preferred"] = null },
                ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
                ["wallet"] = null,
            },
            ["created"] = created,
            ["customer"] = null,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["type"] = "card",
        };

    public static JsonObject Refund(SimulatedRefund refund) =>
        new()
        {
            ["id"] = refund.Id,
            ["object"] = "refund",
            ["amount"] = refund.Amount,
            ["balance_transaction"] = "txn_" + refund.Id[3..],
            ["charge"] = refund.ChargeId,
            ["created"] = refund.Created,
            ["currency"] = refund.Currency,
            ["destination_details"] = new JsonObject { ["card"] = new JsonObject { ["type"] = "refund" }, ["type"] = "card" },
            ["metadata"] = Metadata(refund.Metadata),
            ["payment_intent"] = refund.IntentId,
            ["reason"] = refund.Reason,
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = refund.Status,
            ["transfer_reversal"] = null,
        };

    public static JsonObject Error(SimulatedError error)
    {
        var json = new JsonObject { ["type"] = error.Type, ["message"] = error.Message };
        if (error.Code is not null)
        {
            json["code"] = error.Code;
        }

        if (error.DeclineCode is not null)
        {
            json["decline_code"] = error.DeclineCode;
        }

        if (error.Param is not null)
        {
            json["param"] = error.Param;
        }

        return json;
    }

    public static JsonObject SearchResult(IEnumerable<JsonObject> data, bool hasMore, string? nextPage) =>
        new()
        {
            ["object"] = "search_result",
            ["data"] = new JsonArray([.. data]),
            ["has_more"] = hasMore,
            ["next_page"] = nextPage,
            ["url"] = "/v1/payment_intents/search",
        };

    /// <summary>A page of a list endpoint, newest first.</summary>
    public static JsonObject List(IEnumerable<JsonObject> data, bool hasMore, string url) =>
        new()
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. data]),
            ["has_more"] = hasMore,
            ["url"] = url,
        };

    private static JsonObject? NextAction(SimulatedIntent intent) =>
        intent.Status != "requires_action" ? null
        : intent.ReturnUrl is { } returnUrl
            ? new JsonObject
            {
                ["type"] = "redirect_to_url",
                ["redirect_to_url"] = new JsonObject { ["return_url"] = returnUrl, ["url"] = intent.AuthenticationUrl },
            }
            : new JsonObject
            {
                ["type"] = "use_stripe_sdk",
                ["use_stripe_sdk"] = new JsonObject { ["type"] = "three_d_secure_redirect", ["stripe_js"] = intent.AuthenticationUrl },
            };

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    private static JsonObject BillingDetails() =>
        new()
        {
            ["address"] = new JsonObject
            {
                ["city"] = null, ["country"] = null, ["line1"] = null, ["line2"] = null, ["postal_code"] = null, ["state"] = null,
            },
            ["email"] = null,
            ["name"] = null,
            ["phone"] = null,
        };
}
