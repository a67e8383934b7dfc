using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Payments;

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
    /// <summary>What makes two requests "the same" for the Idempotency-Key: everything but who sent it and from where.</summary>
    public object Fingerprinted => new
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
