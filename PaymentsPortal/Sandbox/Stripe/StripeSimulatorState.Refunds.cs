namespace PaymentsPortal.Sandbox.Stripe;

// Refunds of captured charges. Runs inside Run, under the lock.
internal sealed partial class StripeSimulatorState
{
    private static readonly string[] RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public StripeReply Refund(string account, StripeParameters parameters)
    {
        var intentId = parameters["payment_intent"];
        var chargeId = parameters["charge"];
        var intent = intentId is not null ? FindIntent(account, intentId)
            : chargeId is not null && charges.TryGetValue(chargeId, out var byCharge) ? FindIntent(account, byCharge.IntentId)
            : null;
        if (intent is null)
        {
            return intentId is null && chargeId is null
                ? StripeReply.Invalid("parameter_missing", "One of the following params should be provided for this request: payment_intent or charge.")
                : StripeReply.Missing(intentId is not null ? "payment_intent" : "charge", intentId ?? chargeId!, intentId is not null ? "payment_intent" : "charge");
        }

        if (intent.LatestChargeId is not { } latest || charges[latest] is not { Succeeded: true, Captured: true } charge)
        {
            return StripeReply.Invalid("charge_not_refundable", $"This PaymentIntent ({intent.Id}) does not have a successful charge to refund.", "payment_intent");
        }

        if (charge.DisputeId is not null)
        {
            return StripeReply.Invalid("charge_disputed", $"Charge {charge.Id} has been charged back; cannot issue a refund.", "payment_intent");
        }

        var reason = parameters["reason"];
        if (reason is not null && !RefundReasons.Contains(reason))
        {
            return StripeReply.Invalid("parameter_invalid_string", $"Invalid reason: {reason}.", "reason");
        }

        if (!parameters.TryGetInteger("amount", out var requested, out var invalid))
        {
            return invalid!;
        }

        var refundable = charge.AmountCaptured - charge.AmountRefunded;
        if (refundable == 0)
        {
            return StripeReply.Invalid("charge_already_refunded", $"Charge {charge.Id} has already been refunded.");
        }

        var amount = requested ?? refundable;
        if (amount < 1 || amount > refundable)
        {
            return StripeReply.Invalid("amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable}).", "amount");
        }

        var refund = new SimulatedRefund
        {
            Id = NewId("re"),
            ChargeId = charge.Id,
            IntentId = intent.Id,
            Amount = amount,
            Currency = charge.Currency,
            Created = Now(),
            Metadata = parameters.Metadata,
            Reason = reason,
        };
        refunds.Add(refund.Id, refund);
        charge.AmountRefunded += amount;
        charge.RefundIds.Add(refund.Id);
        EmitRefund(account, refund, charge);
        return StripeReply.Ok(StripeJson.Refund(refund));
    }
}
