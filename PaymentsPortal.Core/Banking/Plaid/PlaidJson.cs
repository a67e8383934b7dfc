using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>The JSON settings of every Plaid request and reply.</summary>
internal static class PlaidJson
{
    /// <summary>
    /// snake_case names as Plaid spells them; nulls left out, so an unset option is absent rather than an explicit null
    /// (Plaid treats some explicit nulls as invalid). Numbers are read by the declared type: amounts are decimal, so
    /// 72.1 stays exactly 72.1. A required field that is missing, or null where our type says it never is, makes the
    /// reply unreadable rather than a half-filled object.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    // Frozen (shared by every call) with the reflection resolver in place, so metadata can be inspected before first use.
    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
