using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentsPortal.Sandbox.Webhooks;

/// <summary>
/// How the providers sign what they send, written from their documentation rather than taken from the portal's verifiers, so
/// that the two sides check each other: Stripe's Stripe-Signature header and Braintree's bt_signature.
/// </summary>
public static class SandboxWebhookSigning
{
    /// <summary>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" under the endpoint secret&gt;.</summary>
    public static string StripeSignature(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>bt_signature: "public_key|&lt;hex HMAC-SHA1 of the payload keyed by SHA-1 of the private key&gt;".</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Braintree's webhook scheme is HMAC-SHA1; the simulator reproduces it.")]
    public static string BraintreeSignature(string payload, string publicKey, string privateKey)
    {
        var key = SHA1.HashData(Encoding.UTF8.GetBytes(privateKey));
        return publicKey + "|" + Convert.ToHexStringLower(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(payload)));
    }
}
