using System.Security.Cryptography;
using System.Text;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Sandbox.Stripe;

// PaymentIntent create (and confirm), capture, cancel, and the 3-D Secure stand-in. Each runs inside Run, under the lock.
internal sealed partial class StripeSimulatorState
{
    /// <summary>Stripe's largest amount for most currencies: eight digits of minor units.</summary>
    private const long MaxAmount = 99_999_999;

    private static readonly string[] CaptureMethods = ["automatic", "automatic_async", "manual"];
    private static readonly string[] CancellationReasons = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];
    private static readonly string[] Cancelable = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

    /// <param name="apiBase">The simulator's root as the caller reached it, for the 3-D Secure URL in next_action.</param>
    public StripeReply CreateIntent(string account, StripeParameters parameters, string apiBase)
    {
        if (!parameters.TryGetInteger("amount", out var amount, out var invalid))
        {
            return invalid!;
        }

        var currencyCode = parameters["currency"];
        var captureMethod = parameters["capture_method"] ?? "automatic";
        var paymentMethod = parameters["payment_method"];
        var confirm = parameters.IsTrue("confirm");
        var automatic = parameters["automatic_payment_methods[enabled]"] != "false";
        var allowRedirects = parameters["automatic_payment_methods[allow_redirects]"];
        var returnUrl = parameters["return_url"];
        var problem = (amount, currencyCode) switch
        {
            (null, _) => StripeReply.Invalid("parameter_missing", "Missing required param: amount.", "amount"),
            (< 1, _) => StripeReply.Invalid("amount_too_small", "Amount must be at least 1 in the currency's smallest unit.", "amount"),
            (> MaxAmount, _) => StripeReply.Invalid("amount_too_large", "Amount must be no more than 99999999 in the currency's smallest unit.", "amount"),
            (_, null) => StripeReply.Invalid("parameter_missing", "Missing required param: currency.", "currency"),
            _ when !Currency.TryFrom(currencyCode, out _) => StripeReply.Invalid("parameter_invalid_string", $"Invalid currency: {currencyCode}.", "currency"),

            // Stripe charges three-decimal currencies (BHD, KWD, …) in whole tens of the minor unit.
            _ when Currency.From(currencyCode).Decimals == 3 && amount % 10 != 0 => StripeReply.Invalid(
                "invalid_charge_amount", $"Amounts in {currencyCode.ToUpperInvariant()} must be a multiple of 10 (the last decimal must be 0).", "amount"),
            _ when !CaptureMethods.Contains(captureMethod) => StripeReply.Invalid("parameter_invalid_string", $"Invalid capture_method: {captureMethod}.", "capture_method"),
            _ when confirm && paymentMethod is null => StripeReply.Invalid(
                "payment_intent_unexpected_state", "You cannot confirm this PaymentIntent because it's missing a payment method.", "payment_method"),
            _ when paymentMethod is not null && StripeTestCards.Find(paymentMethod) is null => StripeReply.Rejected(
                StatusCodes.Status400BadRequest, new SimulatedError("invalid_request_error", "resource_missing", $"No such PaymentMethod: '{paymentMethod}'", Param: "payment_method")),
            _ when confirm && automatic && allowRedirects != "never" && returnUrl is null => StripeReply.Invalid(
                null,
                "This PaymentIntent is configured to accept payment methods enabled in your Dashboard, some of which may require a full page redirect to succeed. " +
                "If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and " +
                "`automatic_payment_methods[allow_redirects]` to `never`. If you do want to accept redirect-based payment methods, set `return_url`.",
                "return_url"),
            _ => null,
        };
        if (problem is not null)
        {
            return problem;
        }

        var id = NewId("pi");
        var intent = new SimulatedIntent
        {
            Id = id,
            Account = account,
            ClientSecret = id + "_secret_" + RandomNumberGenerator.GetString(IdAlphabet, 25),
            Amount = amount!.Value,
            Currency = currencyCode!.ToLowerInvariant(),
            CaptureMethod = captureMethod,
            PaymentMethodId = paymentMethod ?? "",
            Created = Now(),
            CreatedAt = time.GetUtcNow(),
            Metadata = parameters.Metadata,
            AutomaticPaymentMethods = automatic,
            AllowRedirects = allowRedirects,
            Description = parameters["description"],
            ReceiptEmail = parameters["receipt_email"],
            ReturnUrl = returnUrl,
            AuthenticationUrl = $"{apiBase}/v1/payment_intents/{id}/simulate_authentication",
            Status = paymentMethod is null ? "requires_payment_method" : "requires_confirmation",
        };
        intents.Add(id, intent);
        intentsInOrder.Add(intent);
        EmitIntent(intent, "payment_intent.created");
        if (!confirm)
        {
            return StripeReply.Ok(IntentJson(intent, parameters.Expand));
        }

        var card = StripeTestCards.Find(paymentMethod)!;
        if (card.RequiresAuthentication)
        {
            intent.Status = "requires_action";
            EmitIntent(intent, "payment_intent.requires_action");
            return StripeReply.Ok(IntentJson(intent, parameters.Expand));
        }

        return Charge(intent, card) is { } failure
            ? StripeReply.Failed(StatusCodes.Status402PaymentRequired, DeclineJson(intent, failure, parameters.Expand))
            : StripeReply.Ok(IntentJson(intent, parameters.Expand));
    }

    public StripeReply Capture(string account, string id, StripeParameters parameters)
    {
        if (FindIntent(account, id) is not { } intent)
        {
            return StripeReply.Missing("payment_intent", id, "intent");
        }

        if (intent.Status != "requires_capture")
        {
            return StripeReply.Invalid(
                "payment_intent_unexpected_state",
                $"This PaymentIntent could not be captured because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.");
        }

        if (!parameters.TryGetInteger("amount_to_capture", out var requested, out var invalid))
        {
            return invalid!;
        }

        var amount = requested ?? intent.AmountCapturable;
        if (amount < 1 || amount > intent.AmountCapturable)
        {
            return StripeReply.Invalid("amount_too_large", $"The amount to capture must be between 1 and the amount_capturable ({intent.AmountCapturable}).", "amount_to_capture");
        }

        var charge = charges[intent.LatestChargeId!];
        charge.Captured = true;
        charge.AmountCaptured = amount;

        // Stripe releases what a partial capture leaves: it shows as refunded on the charge, but was never taken.
        charge.AmountReleased = intent.Amount - amount;
        intent.AmountReceived = amount;
        intent.AmountCapturable = 0;
        intent.Status = "succeeded";
        EmitIntent(intent, "payment_intent.succeeded");
        DisputeIfTheCardDoes(intent, charge);
        return StripeReply.Ok(IntentJson(intent, parameters.Expand));
    }

    public StripeReply Cancel(string account, string id, StripeParameters parameters)
    {
        if (FindIntent(account, id) is not { } intent)
        {
            return StripeReply.Missing("payment_intent", id, "intent");
        }

        var reason = parameters["cancellation_reason"];
        if (reason is not null && !CancellationReasons.Contains(reason))
        {
            return StripeReply.Invalid("parameter_invalid_string", $"Invalid cancellation_reason: {reason}.", "cancellation_reason");
        }

        if (!Cancelable.Contains(intent.Status))
        {
            return StripeReply.Invalid(
                "payment_intent_unexpected_state",
                $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: {string.Join(", ", Cancelable)}.");
        }

        if (intent.LatestChargeId is { } chargeId && charges[chargeId] is { Succeeded: true, Captured: false } held)
        {
            held.AmountReleased = held.Amount;
        }

        intent.Status = "canceled";
        intent.AmountCapturable = 0;
        intent.CanceledAt = Now();
        intent.CancellationReason = reason;
        EmitIntent(intent, "payment_intent.canceled");
        return StripeReply.Ok(IntentJson(intent, parameters.Expand));
    }

    /// <summary>
    /// The customer's side of 3-D Secure, which at Stripe happens in the browser: the caller proves it holds the
    /// client secret and says how the challenge ended ("succeed" or "fail").
    /// </summary>
    public StripeReply Authenticate(string id, StripeParameters parameters)
    {
        var given = Encoding.UTF8.GetBytes(parameters["client_secret"] ?? "");
        if (!intents.TryGetValue(id, out var intent) || !CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(intent.ClientSecret)))
        {
            return StripeReply.Missing("payment_intent", id, "intent");
        }

        if (intent.Status != "requires_action")
        {
            return StripeReply.Invalid("payment_intent_unexpected_state", $"This PaymentIntent has a status of {intent.Status}; there is no authentication to complete.");
        }

        switch (parameters["outcome"] ?? "succeed")
        {
            case "succeed":
                Charge(intent, StripeTestCards.Find(intent.PaymentMethodId)!);
                break;
            case "fail":
                intent.Status = "requires_payment_method";
                intent.LastPaymentError = new SimulatedError(
                    "invalid_request_error",
                    "payment_intent_authentication_failure",
                    "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.");
                EmitIntent(intent, "payment_intent.payment_failed");
                break;
            default:
                return StripeReply.Invalid("parameter_invalid_string", "outcome must be 'succeed' or 'fail'.", "outcome");
        }

        return StripeReply.Ok(IntentJson(intent, parameters.Expand));
    }

    // Creates the charge (authorized, and captured unless manual); returns the card error when the card declines.
    private SimulatedError? Charge(SimulatedIntent intent, StripeTestCard card)
    {
        var failure = card.Decline is { } decline ? new SimulatedError("card_error", decline.Code, decline.Message, decline.DeclineCode) : null;
        var charge = new SimulatedCharge
        {
            Id = NewId("ch"),
            IntentId = intent.Id,
            Amount = intent.Amount,
            Currency = intent.Currency,
            PaymentMethodId = intent.PaymentMethodId,
            Created = Now(),
            Metadata = intent.Metadata,
            Description = intent.Description,
            Failure = failure,
        };
        charges.Add(charge.Id, charge);
        intent.LatestChargeId = charge.Id;
        if (failure is not null)
        {
            intent.Status = "requires_payment_method";
            intent.LastPaymentError = failure;
        }
        else if (intent.CaptureMethod == "manual")
        {
            intent.Status = "requires_capture";
            intent.AmountCapturable = intent.Amount;
        }
        else
        {
            intent.Status = "succeeded";
            intent.AmountReceived = intent.Amount;
            charge.Captured = true;
            charge.AmountCaptured = intent.Amount;
        }

        EmitIntent(intent, failure is not null ? "payment_intent.payment_failed"
            : intent.Status == "requires_capture" ? "payment_intent.amount_capturable_updated"
            : "payment_intent.succeeded");
        if (charge.Captured)
        {
            DisputeIfTheCardDoes(intent, charge);
        }

        return failure;
    }

    // A card error carries the charge, the intent and the payment method, as Stripe's does.
    private System.Text.Json.Nodes.JsonObject DeclineJson(SimulatedIntent intent, SimulatedError failure, IReadOnlySet<string> expand)
    {
        var error = StripeJson.Error(failure);
        error["charge"] = intent.LatestChargeId;
        error["payment_intent"] = IntentJson(intent, expand);
        error["payment_method"] = StripeJson.PaymentMethod(intent.PaymentMethodId, intent.Created, ExpiryYear());
        return error;
    }
}
