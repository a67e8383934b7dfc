using System.Globalization;
using System.Text.Json;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Refunds;

namespace PaymentsPortal.Core.Webhooks.Outbound;

/// <summary>
/// The JSON a receiver gets. The envelope names the event; <c>data.object</c> is the payment or refund as it was when the
/// change committed, never a later state. Amounts are integer minor units next to their ISO 4217 code. Nothing of a card but
/// its brand, last four digits and expiry exists in the portal, so nothing more can be sent.
/// </summary>
public static class OutboundEventBodies
{
    /// <summary>The version of this shape; a change that could break a receiver gets a new one.</summary>
    public const string ApiVersion = "2026-11-24";

    public static string Envelope(Guid eventId, string type, Guid merchantId, DateTimeOffset created, bool livemode, object data) =>
        JsonSerializer.Serialize(new
        {
            id = eventId,
            @object = "event",
            type,
            api_version = ApiVersion,
            created = created.ToUnixTimeSeconds(),
            merchant_id = merchantId,
            livemode,
            data = new { @object = data },
        });

    public static object Payment(Payment payment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new
        {
            @object = "payment",
            id = payment.Id,
            status = Snake(payment.Status.ToString()),
            amount_minor = payment.AmountMinor,
            currency = payment.CurrencyCode,
            captured_minor = payment.CapturedMinor,
            refunded_minor = payment.RefundedMinor,
            capture_immediately = payment.CaptureImmediately,
            description = payment.Description,
            customer_email = payment.CustomerEmail,
            gateway = payment.Gateway?.ToString().ToLowerInvariant(),
            gateway_reference = payment.GatewayReference,
            card = payment.CardLast4 is null ? null : new
            {
                brand = payment.CardBrand,
                last4 = payment.CardLast4,
                exp_month = payment.CardExpiryMonth,
                exp_year = payment.CardExpiryYear,
            },
            payment_link_id = payment.PaymentLinkId,
            review_reason = payment.ReviewReason,
            version = payment.Version,
            created = payment.CreatedAt.ToUnixTimeSeconds(),
            updated = at.ToUnixTimeSeconds(),
        };
    }

    public static object Refund(Refund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new
        {
            @object = "refund",
            id = refund.Id,
            payment_id = refund.PaymentId,
            status = Snake(refund.Status.ToString()),
            amount_minor = refund.AmountMinor,
            currency = refund.CurrencyCode,
            reason = refund.Reason,
            gateway = refund.Gateway.ToString().ToLowerInvariant(),
            gateway_reference = refund.GatewayRefundReference,
            needed_approval = refund.NeededApproval,
            requested_by = refund.RequestedByName,
            decided_by = refund.DecidedByName,
            decision_note = refund.DecisionNote,
            failure_code = refund.FailureCode,
            created = refund.RequestedAt.ToUnixTimeSeconds(),
            version = refund.Version,
        };
    }

    public static object Dispute(Payments.Disputes.Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return new
        {
            @object = "dispute",
            id = dispute.Id,
            payment_id = dispute.PaymentId,
            status = Snake(dispute.Status.ToString()),
            gateway_status = dispute.GatewayStatus,
            amount_minor = dispute.AmountMinor,
            currency = dispute.CurrencyCode,
            reason = dispute.Reason,
            gateway = dispute.Gateway.ToString().ToLowerInvariant(),
            gateway_reference = dispute.GatewayReference,
            evidence_due_by = dispute.EvidenceDueBy?.ToUnixTimeSeconds(),
            opened = dispute.OpenedAt.ToUnixTimeSeconds(),
            decided = dispute.DecidedAt?.ToUnixTimeSeconds(),
        };
    }

    public static object Payout(Payouts.Payout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new
        {
            @object = "payout",
            id = payout.Id,
            status = Snake(payout.Status.ToString()),
            amount_minor = payout.AmountMinor,
            currency = payout.CurrencyCode,
            gateway = payout.Gateway.ToString().ToLowerInvariant(),
            gateway_reference = payout.GatewayReference,
            arrival_date = payout.ArrivalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            statement_descriptor = payout.StatementDescriptor,
            failure_code = payout.FailureCode,
            failure_message = payout.FailureMessage,
            created = payout.CreatedAt.ToUnixTimeSeconds(),
        };
    }

    /// <summary>PartiallyRefunded → partially_refunded, as receivers in any language expect of JSON values.</summary>
    public static string Snake(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLower(pascal[i], CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
