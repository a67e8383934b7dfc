using PaymentsPortal.Core.Gateways;

namespace PaymentsPortal.Core.Payments.Checkout;

/// <summary>
/// A card payment taken by staff in the virtual terminal. <paramref name="Token"/> comes from the gateway's hosted fields in
/// the browser (a Stripe PaymentMethod id or a Braintree nonce); the card itself never reaches the portal.
/// <paramref name="IdempotencyKey"/> is the checkout's key, issued when the form opened and kept across reloads, so
/// however often the browser sends this request there is one payment.
/// </summary>
public sealed record TerminalPayment(string IdempotencyKey, Money Amount, PaymentToken Token, string? Description, string? CustomerEmail)
{
    public override string ToString() => $"{Amount} with a {Token.IssuedBy} token (key {IdempotencyKey})";
}
