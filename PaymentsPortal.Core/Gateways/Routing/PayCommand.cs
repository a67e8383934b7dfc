using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Gateways.Routing;

/// <summary>A request to take a payment, as a caller (the virtual terminal, a payment link, the API) makes it.</summary>
public sealed record PayCommand(
    Guid MerchantId,
    string IdempotencyKey,
    Money Amount,
    PaymentToken Token,
    bool CaptureImmediately,
    string? Description,
    string? CustomerEmail,
    string? ReturnUrl,
    AuditActor Actor,
    AuditOrigin? Origin)
{
    /// <summary>The payment link the payment is made through; stored on the payment, so the link's uses can be counted.</summary>
    public Guid? PaymentLinkId { get; init; }

    /// <summary>
    /// A check that must pass in the router's first transaction, after the key is claimed and before the payment exists
    /// (a payment link's: still active, not expired, not used up). Its refusal rolls everything back, the key's claim too.
    /// </summary>
    public IPaymentAdmission? Admission { get; init; }

    /// <summary>What makes two requests "the same" for the Idempotency-Key: everything but who sent it and from where.</summary>
    public object Fingerprinted => PaymentLinkId is { } link
        ? new { request = Fingerprint, payment_link = link }
        // Without a link the fingerprint stays exactly what it was, so keys stored before links existed still replay.
        : Fingerprint;

    private object Fingerprint => new
    {
        amount = Amount.MinorUnits,
        currency = Amount.Currency.Code,
        token_issuer = Token.IssuedBy.ToString(),
        token = Token.Value,
        capture = CaptureImmediately,
        description = Description,
        email = CustomerEmail,
        return_url = ReturnUrl,
    };
}

/// <summary>A caller's condition for taking a payment at all, checked by the router where it cannot race another payment.</summary>
public interface IPaymentAdmission
{
    /// <summary>
    /// Runs inside the transaction that will create payment <paramref name="paymentId"/>: row locks taken here are held until
    /// that payment is committed, and rows written here commit with it. Returns null to admit it, or why it is refused.
    /// </summary>
    Task<string?> RefusalAsync(PortalDbContext db, Guid paymentId, CancellationToken cancellationToken);
}

/// <summary>How the request ended, as the caller sees it; also what a replay of its Idempotency-Key returns.</summary>
/// <param name="NextAction">For <see cref="PaymentStatus.RequiresAction"/>: what the browser needs (a Stripe client secret).</param>
public sealed record PayResult(PayResultKind Kind, Guid? PaymentId, PaymentStatus? Status, string Message, string? DeclineCode = null, string? NextAction = null)
{
    public static PayResult Rejected(string message) => new(PayResultKind.Rejected, null, null, message);
}

public enum PayResultKind
{
    /// <summary>The request ran; <see cref="PayResult.Status"/> says how the payment stands.</summary>
    Completed = 1,

    /// <summary>The same Idempotency-Key finished before; this is its original result.</summary>
    Replayed = 2,

    /// <summary>The same Idempotency-Key is being processed right now; ask again shortly.</summary>
    InProgress = 3,

    /// <summary>Bad input or a key reused with different parameters; nothing was done.</summary>
    Rejected = 4,
}
