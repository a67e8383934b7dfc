using System.Globalization;
using System.Text.Json;
using Stripe;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>
/// Checks a Stripe delivery with Stripe.net's own <see cref="EventUtility"/>: the Stripe-Signature header's v1 HMAC-SHA256 of
/// "t.body" under the endpoint secret (compared in constant time by the SDK), within <see cref="Tolerance"/> of now. The event's
/// API version is not checked: Stripe sends the version the endpoint was created with, and the processor reads only fields
/// that every recent version has.
/// </summary>
public static class StripeWebhookVerifier
{
    /// <summary>Stripe's recommended tolerance: a signature older (or newer) than this is refused as a possible replay.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Null when the signature is good and fresh; otherwise why not.</summary>
    public static IntakeOutcome? Verify(string body, string? signatureHeader, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signatureHeader))
        {
            return IntakeOutcome.BadSignature;
        }

        var tolerance = (long)Tolerance.TotalSeconds;
        if (Validates(body, signatureHeader, secret, tolerance, now.ToUnixTimeSeconds()))
        {
            return null;
        }

        // Refused: tell a stale timestamp from a bad signature by checking the signature at its own time. Only the log and
        // the answer's text differ; both are refused and store nothing.
        return TimestampOf(signatureHeader) is { } signedAt && Validates(body, signatureHeader, secret, tolerance, signedAt)
            ? IntakeOutcome.StaleTimestamp
            : IntakeOutcome.BadSignature;
    }

    /// <summary>Reads what the inbox keeps of an event beside its body: id, type, livemode and creation time.</summary>
    public static bool TryReadEnvelope(string body, out string id, out string type, out bool livemode, out DateTimeOffset? created)
    {
        (id, type, livemode, created) = ("", "", false, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var idElement) || idElement.GetString() is not { Length: > 0 and <= WebhookInboxEntry.EventIdMaxLength } eventId
                || !root.TryGetProperty("type", out var typeElement) || typeElement.GetString() is not { Length: > 0 and <= WebhookInboxEntry.EventTypeMaxLength } eventType)
            {
                return false;
            }

            (id, type) = (eventId, eventType);
            livemode = root.TryGetProperty("livemode", out var live) && live.ValueKind == JsonValueKind.True;
            created = root.TryGetProperty("created", out var at) && at.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            return true;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool Validates(string body, string header, string secret, long tolerance, long utcNow)
    {
        try
        {
            EventUtility.ValidateSignature(body, header, secret, tolerance, utcNow);
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    private static long? TimestampOf(string header)
    {
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim();
            if (pair.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(pair.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
        }

        return null;
    }
}
