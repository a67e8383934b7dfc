using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// A merchant's payment. Its status only changes through <see cref="MoveTo"/>, which enforces
/// <see cref="PaymentStateMachine"/> and returns the timeline event to store with it. <see cref="Version"/>
/// is the concurrency token: two writers racing on one payment cannot both win.
/// </summary>
public sealed class Payment : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public long AmountMinor { get; init; }

    public string CurrencyCode { get; init; } = "";

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    /// <summary>Authorize and capture in one go (true), or authorize now and capture later.</summary>
    public bool CaptureImmediately { get; init; } = true;

    public PaymentStatus Status { get; private set; } = PaymentStatus.Created;

    public int Version { get; private set; }

    public long CapturedMinor { get; set; }

    public long RefundedMinor { get; set; }

    public string? Description { get; init; }

    public string? CustomerEmail { get; init; }

    /// <summary>The payment link the customer paid through; null for the virtual terminal and the API.</summary>
    public Guid? PaymentLinkId { get; init; }

    /// <summary>The gateway-issued card token (a PaymentMethod id or nonce, never card data).</summary>
    public GatewayKind TokenIssuer { get; init; }

    public string TokenValue { get; init; } = "";

    /// <summary>The gateway that holds the charge, once one does.</summary>
    public GatewayKind? Gateway { get; set; }

    public string? GatewayReference { get; set; }

    /// <summary>A gateway was tried and the payment moved on to the next one (the dashboard's failover rate).</summary>
    public bool FailedOver { get; set; }

    public string? CardBrand { get; set; }

    public string? CardLast4 { get; set; }

    public int? CardExpiryMonth { get; set; }

    public int? CardExpiryYear { get; set; }

    /// <summary>Why a person must look at it (set when it moves to <see cref="PaymentStatus.RequiresReview"/>).</summary>
    public string? ReviewReason { get; set; }

    /// <summary>When reconciliation should look at it next; null when nothing is pending.</summary>
    public DateTimeOffset? NextReconciliationAt { get; set; }

    public int ReconciliationAttempts { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public PaymentToken Token => new(TokenIssuer, TokenValue);

    /// <summary>Changes the status if the state machine allows it, and returns the event that records the move.</summary>
    /// <exception cref="InvalidPaymentTransitionException">The move is not allowed from the current status.</exception>
    public PaymentEvent MoveTo(PaymentStatus to, DateTimeOffset at, string actor, string? reason = null, Guid? attemptId = null)
    {
        if (!PaymentStateMachine.CanMove(Status, to))
        {
            throw new InvalidPaymentTransitionException(Id, Status, to);
        }

        var from = Status;
        Status = to;
        Version++;
        UpdatedAt = at;
        return new PaymentEvent
        {
            MerchantId = MerchantId,
            PaymentId = Id,
            Sequence = Version,
            Id = Guid.CreateVersion7(at),
            OccurredAt = at,
            FromStatus = from,
            ToStatus = to,
            Actor = actor,
            Reason = reason,
            AttemptId = attemptId,
        };
    }

    /// <summary>A new payment and its first timeline event (status Created, version 1).</summary>
    public static (Payment Payment, PaymentEvent Created) Create(
        Guid merchantId, Money amount, PaymentToken token, bool captureImmediately, string? description, string? customerEmail,
        DateTimeOffset at, string actor, Guid? id = null, Guid? paymentLinkId = null)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A payment's amount must be positive.");
        }

        var payment = new Payment
        {
            MerchantId = merchantId,
            Id = id ?? Guid.CreateVersion7(at),
            AmountMinor = amount.MinorUnits,
            CurrencyCode = amount.Currency.Code,
            CaptureImmediately = captureImmediately,
            TokenIssuer = token.IssuedBy,
            TokenValue = token.Value,
            Description = description,
            CustomerEmail = customerEmail,
            PaymentLinkId = paymentLinkId,
            CreatedAt = at,
            UpdatedAt = at,
            Version = 1,
        };
        var created = new PaymentEvent
        {
            MerchantId = merchantId,
            PaymentId = payment.Id,
            Sequence = 1,
            Id = Guid.CreateVersion7(at),
            OccurredAt = at,
            FromStatus = null,
            ToStatus = PaymentStatus.Created,
            Actor = actor,
        };
        return (payment, created);
    }
}
