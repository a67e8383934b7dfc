using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Gateways.Braintree;

/// <summary>The JSON settings of every Braintree GraphQL request and reply.</summary>
internal static class BraintreeJson
{
    /// <summary>camelCase names as GraphQL expects; nulls are left out so an absent option is not sent as an explicit null.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>
/// Reads a value Braintree sends as either a string or a number (error <c>legacyCode</c> appears as both in its
/// SDKs) into a string, so a change of representation is not an unreadable reply.
/// </summary>
internal sealed class StringOrNumberConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
            _ => throw new JsonException($"Expected a string or a number, found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
