using System.Text.Json;
using PaymentsPortal.Core.Banking.Plaid;

namespace PaymentsPortal.Core.Webhooks.Inbound.Plaid;

/// <summary>The fields of a Plaid webhook the handlers read; Plaid adds fields over time, and the rest are ignored.</summary>
public sealed record PlaidWebhookBody(string ItemId, string? AccountId, PlaidError? Error, DateTimeOffset? ConsentExpirationTime)
{
    public static PlaidWebhookBody? From(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("item_id", out var item) || item.GetString() is not { } itemId)
            {
                return null;
            }

            PlaidError? error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
                ? new PlaidError(Text(e, "error_type"), Text(e, "error_code"), Text(e, "error_code_reason"), Text(e, "error_message"), Text(e, "display_message"))
                : null;
            DateTimeOffset? consent = root.TryGetProperty("consent_expiration_time", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetDateTimeOffset(out var at)
                ? at
                : null;
            return new PlaidWebhookBody(itemId, Text(root, "account_id"), error, consent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
