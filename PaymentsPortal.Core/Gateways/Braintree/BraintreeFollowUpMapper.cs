using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>Classifies the replies to refundTransaction and reverseTransaction.</summary>
internal static class BraintreeFollowUpMapper
{
    public static GatewayResult ForRefund(RefundNode refund, Money requested)
    {
        if (string.IsNullOrEmpty(refund.Id))
        {
            return GatewayResult.Unknown("unreadable_reply", "Braintree's reply has a refund without an id.");
        }

        var outcome = ForRefundStatus(refund.Id, refund.Status);
        if (outcome.Outcome != GatewayOutcome.Succeeded)
        {
            return outcome;
        }

        if (!BraintreeChargeMapper.TryReadAmount(refund.Amount, requested.Currency, out var recorded) || recorded != requested)
        {
            return GatewayResult.Unknown("amount_mismatch", string.Create(CultureInfo.InvariantCulture,
                $"Braintree's refund is for {refund.Amount?.Value ?? "an unreadable amount"}, not the {requested} asked for; it needs review."))
                with { GatewayReference = refund.Id, Status = refund.Status };
        }

        return outcome;
    }

    /// <summary>
    /// A reversal voids a transaction that has not settled (a Transaction comes back VOIDED) or refunds a settled one
    /// in full (a Refund comes back); either way the customer keeps the money.
    /// </summary>
    public static GatewayResult ForReversal(ReversalNode reversal)
    {
        if (string.IsNullOrEmpty(reversal.Id))
        {
            return GatewayResult.Unknown("unreadable_reply", "Braintree's reversal reply has no id.");
        }

        return reversal.TypeName switch
        {
            "Transaction" when reversal.Status == BraintreeStatuses.Voided => GatewayResult.Succeeded(reversal.Id, reversal.Status),
            "Refund" => ForRefundStatus(reversal.Id, reversal.Status),
            _ => GatewayResult.Unknown("unexpected_status", "The reversal came back as " + (reversal.TypeName ?? "?") + " " + (reversal.Status ?? "without a status") + ".")
                with { GatewayReference = reversal.Id, Status = reversal.Status },
        };
    }

    // A refund is a payment in the other direction with the same PaymentStatus values: submitted or settled means the
    // money is on its way back; a declined or failed refund returned nothing.
    private static GatewayResult ForRefundStatus(string id, string? status)
    {
        if (status is BraintreeStatuses.Authorized || BraintreeStatuses.IsCaptured(status))
        {
            return GatewayResult.Succeeded(id, status);
        }

        if (BraintreeStatuses.IsFailed(status) || status is BraintreeStatuses.Voided)
        {
            return GatewayResult.Declined("refund_" + status!.ToLowerInvariant(), "Braintree's refund ended " + status + "; nothing was returned.", retryableElsewhere: false, id)
                with { Status = status };
        }

        return GatewayResult.Unknown("unexpected_status", "The refund came back as " + (status ?? "no status") + ".")
            with { GatewayReference = id, Status = status };
    }
}
