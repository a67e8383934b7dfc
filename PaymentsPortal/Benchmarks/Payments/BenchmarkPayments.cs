using System.Globalization;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Gateways.Routing;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Sandbox.Stripe;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// The payment every benchmark client makes: a card payment captured at once, with the description, e-mail and origin
/// a checkout sends, so that the rows and audit entries are as wide as real ones.
/// </summary>
internal static class BenchmarkPayments
{
    /// <summary>Braintree's sandbox nonce for a valid Visa, which its simulator charges.</summary>
    public const string BraintreeValidNonce = "fake-valid-nonce";

    public const string Description = "Order 10042";

    public const string CustomerEmail = "customer@example.com";

    public static readonly Money Amount = new(2_500, Currency.Usd);

    public static readonly PaymentToken StripeCard = new(GatewayKind.Stripe, StripeTestCards.Visa);

    public static readonly PaymentToken BraintreeCard = new(GatewayKind.Braintree, BraintreeValidNonce);

    private static readonly AuditActor Actor = AuditActor.System("checkout");

    // A documentation address (RFC 5737) and a browser-like user agent: the audit entry carries both, as a checkout's does.
    private static readonly AuditOrigin Origin = new("192.0.2.44", "Mozilla/5.0 (X11; Linux x86_64) PaymentsPortal benchmark");

    /// <summary>What the gateway's hosted fields would hand back for a test card: the token checkout then pays with.</summary>
    public static PaymentToken TokenizedBy(GatewayKind gateway) => gateway switch
    {
        GatewayKind.Stripe => StripeCard,
        GatewayKind.Braintree => BraintreeCard,
        _ => throw new ArgumentOutOfRangeException(nameof(gateway), gateway, "The benchmark has no test card for this gateway."),
    };

    /// <summary>A new request with an Idempotency-Key of its own, as every new checkout has.</summary>
    public static PayCommand Pay(Guid merchant, PaymentToken token) =>
        new(merchant, "bench-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), Amount, token, CaptureImmediately: true,
            Description, CustomerEmail, ReturnUrl: null, Actor, Origin);

    public static bool Succeeded(PayResult result) => result is { Kind: PayResultKind.Completed, Status: PaymentStatus.Succeeded };
}
