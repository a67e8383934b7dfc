using Stripe;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Stripe;

/// <summary>Maps what Stripe returned (a PaymentIntent or a Refund) to the portal's results, per operation.</summary>
public static class StripeResults
{
    /// <summary>After create-and-confirm: the intent's status says whether money is held, taken, or waits for the customer.</summary>
    public static GatewayResult FromAuthorization(PaymentIntent intent, AuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(request);

        // Stripe applied the parameters we sent; a different amount or currency means we misread something, so nothing is assumed.
        if (intent.Amount != request.Amount.MinorUnits || !string.Equals(intent.Currency, request.Amount.Currency.Code, StringComparison.OrdinalIgnoreCase))
        {
            return new GatewayResult(GatewayOutcome.Unknown, intent.Id, "amount_mismatch", "Stripe reports a different amount or currency than was requested.", Status: intent.Status);
        }

        return intent.Status switch
        {
            "succeeded" or "requires_capture" => GatewayResult.Succeeded(intent.Id, intent.Status, CardOf(intent)),
            "requires_action" when intent.ClientSecret is { Length: > 0 } secret => GatewayResult.RequiresAction(intent.Id, secret, intent.Status),
            "requires_payment_method" => GatewayResult.Declined(
                intent.LastPaymentError is { } error ? StripeDeclineRules.CombinedCode(error.Code, error.DeclineCode) : "requires_payment_method",
                intent.LastPaymentError?.Message ?? "Stripe could not charge the payment method.",
                retryableElsewhere: false,
                intent.Id),
            "canceled" => GatewayResult.Declined("canceled", "Stripe canceled the payment.", retryableElsewhere: false, intent.Id),

            // processing (money may still move), or a status we do not expect after confirming: reconciliation decides.
            _ => StillOpen(intent),
        };
    }

    public static GatewayResult FromCapture(PaymentIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return intent.Status == "succeeded" ? GatewayResult.Succeeded(intent.Id, intent.Status, CardOf(intent)) : StillOpen(intent);
    }

    public static GatewayResult FromVoid(PaymentIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return intent.Status == "canceled" ? GatewayResult.Succeeded(intent.Id, intent.Status) : StillOpen(intent);
    }

    /// <summary>A refund Stripe accepted (succeeded, or pending for methods that settle later) is done from our side.</summary>
    public static GatewayResult FromRefund(Refund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return refund.Status switch
        {
            "succeeded" or "pending" or "requires_action" => GatewayResult.Succeeded(refund.Id, refund.Status),
            "failed" or "canceled" => GatewayResult.Declined(refund.FailureReason ?? "refund_" + refund.Status, "Stripe could not refund the payment.", retryableElsewhere: false, refund.Id),
            _ => new GatewayResult(GatewayOutcome.Unknown, refund.Id, "unexpected_status", "Stripe returned a refund status the portal does not know.", Status: refund.Status),
        };
    }

    /// <summary>
    /// The charge state of the intent carrying our attempt id. Several can exist only if an attempt id was reused
    /// after Stripe forgot the idempotency key (24 h); then the one where money moved wins and the message says so.
    /// </summary>
    public static GatewayLookup FromSearch(IReadOnlyList<PaymentIntent> intents)
    {
        ArgumentNullException.ThrowIfNull(intents);
        if (intents.Count == 0)
        {
            return GatewayLookup.NotFound();
        }

        var ranked = intents.Select(intent => (Intent: intent, State: StateOf(intent))).OrderBy(found => Rank(found.State)).ToList();
        var (best, state) = ranked[0];
        var message = intents.Count == 1
            ? null
            : $"{intents.Count} Stripe PaymentIntents carry this attempt id ({string.Join(", ", ranked.Select(found => $"{found.Intent.Id} {found.State}"))}): check for a double charge.";
        var amount = state is GatewayChargeState.Captured or GatewayChargeState.Refunded ? best.AmountReceived : best.Amount;
        if (!Currency.TryFrom(best.Currency, out var currency))
        {
            return new GatewayLookup(GatewayOutcome.Unknown, true, state, best.Id, null, $"Stripe reports currency '{best.Currency}', which the portal does not support.");
        }

        return new GatewayLookup(GatewayOutcome.Succeeded, true, state, best.Id, new Money(amount, currency), message);
    }

    public static GatewayChargeState StateOf(PaymentIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return intent.Status switch
        {
            "succeeded" when intent.LatestCharge is { Refunded: true } => GatewayChargeState.Refunded,
            "succeeded" => GatewayChargeState.Captured,
            "requires_capture" => GatewayChargeState.Authorized,
            "requires_action" => GatewayChargeState.RequiresAction,
            "processing" => GatewayChargeState.Processing,
            "canceled" => GatewayChargeState.Voided,

            // requires_payment_method (declined or failed authentication) and requires_confirmation: nothing was taken.
            _ => GatewayChargeState.Failed,
        };
    }

    public static CardSummary? CardOf(PaymentIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var card = intent.PaymentMethod?.Card;
        return card is { Brand: { } brand, Last4: { } last4 } ? new CardSummary(brand, last4, (int)card.ExpMonth, (int)card.ExpYear) : null;
    }

    private static GatewayResult StillOpen(PaymentIntent intent) =>
        new(GatewayOutcome.Unknown, intent.Id, intent.Status ?? "unexpected_status", "Stripe has not finished the payment; reconciliation will look it up.", Status: intent.Status);

    // Money taken first, then money held, then open states, then states where nothing moved.
    private static int Rank(GatewayChargeState state) => state switch
    {
        GatewayChargeState.Captured => 0,
        GatewayChargeState.Refunded => 1,
        GatewayChargeState.Authorized => 2,
        GatewayChargeState.Processing => 3,
        GatewayChargeState.RequiresAction => 4,
        GatewayChargeState.Voided => 5,
        GatewayChargeState.Failed => 6,
    };
}
