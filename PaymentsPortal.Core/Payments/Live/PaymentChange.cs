namespace PaymentsPortal.Core.Payments.Live;

/// <summary>A payment's status or refunded amount changed, on this app instance or another one.</summary>
public sealed record PaymentChange(Guid MerchantId, Guid PaymentId, PaymentStatus Status)
{
    /// <summary>The channel the payments trigger notifies (see the LiveUpdates migration).</summary>
    public const string Channel = "payment_changes";

    /// <summary>Reads the trigger's payload, "merchant_id:payment_id:Status"; null for anything else.</summary>
    public static PaymentChange? Parse(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var parts = payload.Split(':');
        return parts.Length == 3 && Guid.TryParse(parts[0], out var merchantId) && Guid.TryParse(parts[1], out var paymentId)
            && Enum.TryParse<PaymentStatus>(parts[2], ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? new PaymentChange(merchantId, paymentId, status)
            : null;
    }
}
