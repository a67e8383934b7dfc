using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// One call to one gateway for a payment, stored before the call (so its id can be the gateway's idempotency
/// key or order reference) and completed after it. An attempt still <see cref="AttemptState.Pending"/> after a
/// crash means the call may have happened: reconciliation looks it up, it is never assumed not to have.
/// </summary>
public sealed class PaymentAttempt : ITenantOwned
{
    public Guid MerchantId { get; init; }

    public Guid Id { get; init; }

    public Guid PaymentId { get; init; }

    /// <summary>1, 2, 3… in the order the attempts were made for this payment.</summary>
    public int Number { get; init; }

    public GatewayKind Gateway { get; init; }

    public AttemptOperation Operation { get; init; }

    public long AmountMinor { get; init; }

    /// <summary>For a <see cref="AttemptOperation.Refund"/> call: the refund it was made for (whose id is the call's key).</summary>
    public Guid? RefundId { get; init; }

    public AttemptState State { get; set; } = AttemptState.Pending;

    public GatewayOutcome? Outcome { get; set; }

    /// <summary>The gateway's code, or why the attempt was skipped ("token_not_usable", "circuit_open").</summary>
    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? GatewayReference { get; set; }

    public string? GatewayStatus { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int? LatencyMs { get; set; }

    /// <summary>
    /// For an <see cref="AttemptState.Abandoned"/> attempt: when to look at the gateway again for a charge that appeared
    /// late; null when nothing is being watched.
    /// </summary>
    public DateTimeOffset? OrphanCheckAt { get; set; }

    /// <summary>How many of the orphan checks have found nothing so far.</summary>
    public int OrphanChecks { get; set; }
}

/// <summary>What an attempt asked the gateway to do.</summary>
public enum AttemptOperation
{
    Authorize = 1,
    Capture = 2,
    Void = 3,
    Refund = 4,
    Lookup = 5,
}

/// <summary>Where an attempt stands in our own records.</summary>
public enum AttemptState
{
    /// <summary>Stored, the call started; no answer recorded yet.</summary>
    Pending = 1,

    /// <summary>The answer (whatever its outcome) is recorded.</summary>
    Completed = 2,

    /// <summary>Never sent, on purpose: the token is not usable there, or the gateway's circuit is open.</summary>
    Skipped = 3,

    /// <summary>
    /// Its answer was lost, and the gateway later said it holds nothing for it, so the payment went on without it. It
    /// is watched for a while in case a charge shows up late (an orphan), which is then voided or refunded.
    /// </summary>
    Abandoned = 4,
}
