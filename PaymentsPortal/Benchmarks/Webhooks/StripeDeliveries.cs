using System.Globalization;
using System.Text;
using PaymentsPortal.Sandbox.Webhooks;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// What Stripe sends for a captured payment, as the simulator shapes it: a payment_intent.succeeded event of about 2 KB
/// with a fresh event id each time, signed for its merchant's endpoint just before it is sent, as Stripe signs each delivery.
/// </summary>
internal sealed class StripeDeliveries(IReadOnlyList<Guid> merchants, string secret)
{
    // The simulator's PaymentIntent (StripeJson.Intent) in a Stripe event envelope; {0} event id, {1} created, {2} intent id, {3} attempt id.
    private const string Template = """
        {{"id":"{0}","object":"event","api_version":"2026-10-28.endive","created":{1},"data":{{"object":{{"id":"{2}","object":"payment_intent","amount":4200,"amount_capturable":0,"amount_details":{{"tip":{{}}}},"amount_received":4200,"application":null,"application_fee_amount":null,"automatic_payment_methods":{{"allow_redirects":"never","enabled":true}},"canceled_at":null,"cancellation_reason":null,"capture_method":"automatic","client_secret":"{2}_secret_bench","confirmation_method":"automatic","created":{1},"currency":"usd","customer":null,"description":"Order #1001 · 2 bags of house blend","last_payment_error":null,"latest_charge":"ch_{3}","livemode":false,"metadata":{{"attempt_id":"{3}","merchant_id":"00000000-0000-0000-0000-000000000000","payment_id":"{3}"}},"next_action":null,"on_behalf_of":null,"payment_method":"pm_card_visa","payment_method_options":{{"card":{{"installments":null,"mandate_options":null,"network":null,"request_three_d_secure":"automatic"}}}},"payment_method_types":["card"],"processing":null,"receipt_email":"customer@example.com","review":null,"setup_future_usage":null,"shipping":null,"source":null,"statement_descriptor":null,"statement_descriptor_suffix":null,"status":"succeeded","transfer_data":null,"transfer_group":null}}}},"livemode":false,"pending_webhooks":1,"request":{{"id":"req_bench","idempotency_key":"{3}"}},"type":"payment_intent.succeeded"}}
        """;

    private static readonly CompositeFormat Format = CompositeFormat.Parse(Template);

    private long sequence;

    public static int EventBytes => Encoding.UTF8.GetByteCount(Body(0, DateTimeOffset.UtcNow));

    /// <summary>The next delivery: its merchant (round-robin), body and Stripe-Signature header.</summary>
    public (Guid Merchant, string Body, string Signature) Next()
    {
        var n = Interlocked.Increment(ref sequence);
        var now = DateTimeOffset.UtcNow;
        var body = Body(n, now);
        return (merchants[(int)(n % merchants.Count)], body, SandboxWebhookSigning.StripeSignature(body, secret, now));
    }

    private static string Body(long n, DateTimeOffset now)
    {
        var attempt = Guid.CreateVersion7(now).ToString();
        return string.Format(CultureInfo.InvariantCulture, Format,
            "evt_bench" + n.ToString("D16", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8], now.ToUnixTimeSeconds(), "pi_bench" + n.ToString(CultureInfo.InvariantCulture), attempt);
    }
}
