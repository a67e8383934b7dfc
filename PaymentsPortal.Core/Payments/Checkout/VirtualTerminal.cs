using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Idempotency;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>
/// The virtual terminal's server side: takes a tokenized card payment through the router with the checkout's
/// Idempotency-Key, and tells a reloaded checkout what became of the payment its key started.
/// </summary>
public sealed class VirtualTerminal(PaymentRouter router, CheckoutPayments payments)
{
    /// <summary>The description is stored with the payment and sent to Stripe; a short limit keeps it within every field it lands in.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>A fresh checkout key: unguessable, so a key read back from the browser cannot point at another checkout.</summary>
    public static string NewCheckoutKey() => "vt_" + Guid.NewGuid().ToString("N");

    /// <summary>Takes the payment for the merchant <paramref name="access"/> is acting in, if its role may take payments.</summary>
    public async Task<CheckoutOutcome> PayAsync(UserAccess access, TerminalPayment payment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(payment);
        // Checked here as well as on the page: hiding the terminal is not what stops a role from charging cards.
        if (access.Current is not { MerchantId: var merchantId } || !access.Has(Permission.PaymentsTake))
        {
            return CheckoutOutcome.Refused("Your role cannot take payments.");
        }

        var by = access.AsActor();
        if (Problem(payment) is { } problem)
        {
            return CheckoutOutcome.Refused(problem);
        }

        // Not cancellable once sent: a page closed mid-payment must not leave the router between a gateway's answer and
        // its record. The payment takes at most its gateways' attempt timeouts, and a reload finds it by the key.
        cancellationToken.ThrowIfCancellationRequested();
        var result = await router.PayAsync(new PayCommand(merchantId, payment.IdempotencyKey, payment.Amount, payment.Token, CaptureImmediately: true,
            payment.Description, payment.CustomerEmail, ReturnUrl: null, by.Actor, by.Origin), CancellationToken.None);
        return await payments.OutcomeOfAsync(merchantId, result, cancellationToken);
    }

    /// <summary>
    /// What became of the checkout with <paramref name="key"/>: null while the key was never used (the form was opened but
    /// not paid), otherwise the outcome of the payment it started, from the payment's current status.
    /// </summary>
    public Task<CheckoutOutcome?> FindAsync(Guid merchantId, string key, CancellationToken cancellationToken = default) =>
        payments.FindAsync(merchantId, key, paymentLinkId: null, cancellationToken);

    /// <summary>What the terminal's form checks too; repeated here because the use case must not trust its caller.</summary>
    public static string? Problem(TerminalPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (!IdempotencyKeys.IsValidKey(payment.IdempotencyKey))
        {
            return "The checkout has no valid key; reload the page to start a new one.";
        }

        if (!payment.Amount.IsPositive)
        {
            return "The amount must be greater than zero.";
        }

        if (string.IsNullOrWhiteSpace(payment.Token.Value))
        {
            return "The card was not tokenized; enter the card again.";
        }

        if (payment.CustomerEmail is { } email && !EmailAddress.IsValid(email))
        {
            return "The customer's email address is not valid.";
        }

        return payment.Description is { Length: > MaxDescriptionLength }
            ? $"The description can be at most {MaxDescriptionLength} characters long."
            : null;
    }
}
