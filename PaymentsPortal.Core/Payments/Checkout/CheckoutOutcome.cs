using PaymentsPortal.Core.Gateways.Routing;

namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>Where a checkout stands, as the person taking the payment needs to see it.</summary>
public enum CheckoutStage
{
    /// <summary>Money is taken (or held): the payment succeeded or was authorized.</summary>
    Paid = 1,

    /// <summary>No money moved: declined, failed authentication, or no gateway could take it.</summary>
    NotPaid = 2,

    /// <summary>The customer must complete 3-D Secure; <see cref="CheckoutOutcome.ClientSecret"/> opens the challenge.</summary>
    NeedsAuthentication = 3,

    /// <summary>The request is still with the router; ask again shortly.</summary>
    InProgress = 4,

    /// <summary>The gateway's answer was unclear; reconciliation is confirming whether the card was charged.</summary>
    Confirming = 5,

    /// <summary>Nothing was attempted: the request itself was refused (bad input, a key reused for another payment).</summary>
    Refused = 6,
}

/// <summary>
/// A checkout's outcome: the stage, the payment it concerns and a sentence for the page. A payment's stage always comes
/// from its current status, so a replayed or reloaded checkout shows what the payment is now, not what it was.
/// </summary>
/// <param name="ClientSecret">Only for <see cref="CheckoutStage.NeedsAuthentication"/>: what Stripe.js needs to run the challenge.</param>
public sealed record CheckoutOutcome(CheckoutStage Stage, Guid? PaymentId, PaymentStatus? Status, string Message, string? DeclineCode = null, string? ClientSecret = null)
{
    public static CheckoutOutcome Refused(string message) => new(CheckoutStage.Refused, null, null, message);

    public static CheckoutStage StageOf(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded or PaymentStatus.Authorized or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded => CheckoutStage.Paid,
        PaymentStatus.Failed or PaymentStatus.Canceled => CheckoutStage.NotPaid,
        PaymentStatus.RequiresAction => CheckoutStage.NeedsAuthentication,
        PaymentStatus.Created or PaymentStatus.Processing => CheckoutStage.InProgress,
        PaymentStatus.RequiresReconciliation or PaymentStatus.RequiresReview => CheckoutStage.Confirming,
    };

    /// <summary>
    /// The outcome of a payment now in <paramref name="current"/>. The router's result (<paramref name="recorded"/>, fresh or
    /// replayed) gives the words and the decline code while the payment is still where that result left it; once the payment
    /// has moved on (3-D Secure completed, reconciliation settled it), the current status speaks for itself.
    /// </summary>
    public static CheckoutOutcome Of(Guid paymentId, PaymentStatus current, PayResult? recorded)
    {
        if (recorded is { Status: { } status } && status == current)
        {
            var secret = current == PaymentStatus.RequiresAction ? recorded.NextAction : null;
            return new CheckoutOutcome(StageOf(current), paymentId, current, recorded.Message, recorded.DeclineCode, secret);
        }

        return new CheckoutOutcome(StageOf(current), paymentId, current, DescribeStatus(current));
    }

    private static string DescribeStatus(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded => "The payment succeeded.",
        PaymentStatus.Authorized => "The payment is authorized; the money is held until it is captured.",
        PaymentStatus.Failed => "The payment did not go through: the customer did not pass authentication, or the card was declined.",
        PaymentStatus.Canceled => "The payment was canceled; no money was taken.",
        PaymentStatus.RequiresAction => "The customer must complete 3-D Secure.",
        PaymentStatus.Created or PaymentStatus.Processing => "The payment is being processed.",
        PaymentStatus.RequiresReconciliation => "The gateway's answer was unclear; we are confirming with the gateway whether the card was charged.",
        PaymentStatus.RequiresReview => "The gateway's answer needs a person's review before the payment's outcome is known.",
    };
}
