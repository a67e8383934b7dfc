using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// Braintree's webhook signature, as its server SDKs check it: bt_signature holds "public_key|signature" pairs joined by
/// '&amp;'; the pair for the merchant's public key must carry the lower-case hex HMAC-SHA1 of bt_payload keyed by the SHA-1
/// digest of the private key (the payload with a trailing newline is accepted too, as the SDKs do). bt_payload is base64 of
/// the notification's XML. Braintree puts no timestamp in the signature, so a replay is caught by the inbox instead: its
/// event id is the payload's SHA-256, and the same payload is stored once.
/// </summary>
public static class BraintreeWebhookVerifier
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "Braintree's webhook scheme is HMAC-SHA1 keyed by SHA-1 of the private key; the portal verifies what Braintree sends.")]
    public static bool Verify(string? signature, string? payload, string publicKey, string privateKey)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(payload) || !IsBase64Text(payload))
        {
            return false;
        }

        var given = signature.Split('&')
            .Select(pair => pair.Split('|', 2))
            .Where(pair => pair.Length == 2 && string.Equals(pair[0], publicKey, StringComparison.Ordinal))
            .Select(pair => pair[1])
            .FirstOrDefault();
        if (given is null)
        {
            return false;
        }

        var givenBytes = Encoding.ASCII.GetBytes(given);
        var key = SHA1.HashData(Encoding.UTF8.GetBytes(privateKey));
        return Matches(givenBytes, key, payload) | Matches(givenBytes, key, payload + "\n");
    }

    /// <summary>The inbox's event id for a notification: Braintree gives none, and a redelivery repeats the payload byte for byte.</summary>
    public static string EventIdOf(string payload) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));

    /// <summary>Reads the notification's kind and timestamp from the verified payload.</summary>
    public static bool TryReadEnvelope(string payload, out string kind, out DateTimeOffset? timestamp)
    {
        (kind, timestamp) = ("", null);
        if (ParseNotification(payload) is not { } notification
            || notification.Element("kind")?.Value.Trim() is not { Length: > 0 and <= WebhookInboxEntry.EventTypeMaxLength } found)
        {
            return false;
        }

        kind = found;
        timestamp = DateTimeOffset.TryParse(notification.Element("timestamp")?.Value.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
        return true;
    }

    /// <summary>The &lt;notification&gt; element of a payload, or null when it is not base64 of such XML. No DTDs, no external entities.</summary>
    public static XElement? ParseNotification(string payload)
    {
        try
        {
            var xml = Encoding.UTF8.GetString(Convert.FromBase64String(payload));
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XDocument.Load(reader).Root;
            return root?.Name.LocalName == "notification" ? root : null;
        }
        catch (Exception error) when (error is FormatException or XmlException)
        {
            return null;
        }
    }

    // Computed and compared in full every time: the comparison's time says nothing about how much of the signature matched.
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "Braintree's webhook scheme is HMAC-SHA1 keyed by SHA-1 of the private key; the portal verifies what Braintree sends.")]
    private static bool Matches(byte[] given, byte[] key, string payload)
    {
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(payload))));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    // Braintree's SDKs refuse anything but base64 characters and newlines before checking the signature.
    private static bool IsBase64Text(string payload) =>
        payload.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '=' or '\n');
}
