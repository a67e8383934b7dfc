using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Refunds;

/// <summary>
/// Money given back on a captured payment, fully or in part. Its id is the idempotency key (Stripe) and request key
/// (Braintree) of every call made for it, so asking the gateway again after a lost answer never refunds twice.
/// Its status only changes through <see cref="MoveTo"/>.
/// </summary>
public sealed class Refund : ITenantOwned
{
    public const int ReasonMaxLength = 500;

    /// <summary>A refund still Processing this long after it was sent was left by a crash mid-call: reconciliation asks again.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(10);

    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid PaymentId { get; init; }

    public long AmountMinor { get; init; }

    public string CurrencyCode { get; init; } = "";

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    public string Reason { get; init; } = "";

    /// <summary>The caller's key (one per refund dialog): a double click or a retried request finds this refund again.</summary>
    public string IdempotencyKey { get; init; } = "";

    public RefundStatus Status { get; private set; }

    /// <summary>The gateway that captured the payment, which is the only one that can refund it.</summary>
    public GatewayKind Gateway { get; init; }

    /// <summary>The gateway's id of the captured charge.</summary>
    public string ChargeReference { get; init; } = "";

    /// <summary>The gateway's id of the refund, once it answered.</summary>
    public string? GatewayRefundReference { get; set; }

    public Guid RequestedBy { get; init; }

    public string RequestedByName { get; init; } = "";

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Whether it exceeded the threshold and so needed a second person.</summary>
    public bool NeededApproval { get; init; }

    public Guid? DecidedBy { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    /// <summary>The gateway's code and message for a failed refund, or why reconciliation is stuck.</summary>
    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset? NextReconciliationAt { get; set; }

    public int ReconciliationAttempts { get; set; }

    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Refund Create(
        Payment payment, Guid id, Money amount, string reason, string idempotencyKey, Guid requestedBy, string requestedByName, bool needsApproval,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.Gateway is not { } gateway || string.IsNullOrEmpty(payment.GatewayReference))
        {
            throw new ArgumentException("Only a payment a gateway captured can be refunded.", nameof(payment));
        }

        return new Refund
        {
            MerchantId = payment.MerchantId,
            Id = id,
            PaymentId = payment.Id,
            AmountMinor = amount.MinorUnits,
            CurrencyCode = amount.Currency.Code,
            Reason = reason,
            IdempotencyKey = idempotencyKey,
            Status = needsApproval ? RefundStatus.PendingApproval : RefundStatus.Processing,
            Gateway = gateway,
            ChargeReference = payment.GatewayReference,
            RequestedBy = requestedBy,
            RequestedByName = requestedByName,
            RequestedAt = at,
            NeededApproval = needsApproval,
            Version = 1,
            UpdatedAt = at,
            NextReconciliationAt = needsApproval ? null : at + StalledAfter,
        };
    }

    /// <summary>When the key was first sent to the gateway (approval sends it; otherwise the request did).</summary>
    public DateTimeOffset SentAt => DecidedAt is { } decided && Status != RefundStatus.Canceled ? decided : RequestedAt;

    /// <exception cref="InvalidRefundTransitionException">The state machine forbids the move.</exception>
    public void MoveTo(RefundStatus to, DateTimeOffset at)
    {
        if (!RefundStateMachine.CanMove(Status, to))
        {
            throw new InvalidRefundTransitionException(Id, Status, to);
        }

        Status = to;
        Version++;
        UpdatedAt = at;
        if (to == RefundStatus.Processing)
        {
            NextReconciliationAt = at + StalledAfter;
        }
    }

    /// <summary>Records an Admin's approval or rejection (or the requester's withdrawal) along with the move it causes.</summary>
    public void Decide(RefundStatus to, Guid by, string byName, string? note, DateTimeOffset at)
    {
        MoveTo(to, at);
        DecidedBy = by;
        DecidedByName = byName;
        DecidedAt = at;
        DecisionNote = note;
    }
}
