using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PaymentsPortal.Core.Webhooks.Inbound.Intake;

/// <summary>What the inbox needs of a verified Plaid webhook: its type as "WEBHOOK_TYPE:WEBHOOK_CODE", an id, the mode, and the body text.</summary>
internal sealed record PlaidWebhookEnvelope(string EventId, string EventType, bool Livemode, string Text)
{
    public static bool TryRead(ReadOnlySpan<byte> body, string verificationHeader, out PlaidWebhookEnvelope envelope)
    {
        envelope = default!;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Field(root, "webhook_type") is not { } type || Field(root, "webhook_code") is not { } code || Field(root, "item_id") is not { } item)
            {
                return false;
            }

            // The body and the signature: one delivery. Hashing keeps the id short and free of anything the sender wrote.
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(verificationHeader + "\n" + text)))[..40];
            envelope = new PlaidWebhookEnvelope($"{item}:{id}", $"{type}:{code}", Field(root, "environment") == "production", text);
            return true;
        }
        catch (Exception error) when (error is JsonException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 100 } text ? text : null;
}
