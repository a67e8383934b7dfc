namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>Section <c>Payments:Checkout</c>.</summary>
public sealed class CheckoutOptions
{
    public const string Section = "Payments:Checkout";

    /// <summary>
    /// How long a payment may wait for the customer's 3-D Secure before it is canceled at the gateway. A customer who closed the
    /// challenge will not come back to it, and meanwhile the payment holds a use of its payment link and shows as in progress.
    /// </summary>
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromHours(1);
}
