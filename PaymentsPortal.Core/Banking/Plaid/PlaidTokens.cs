using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// An Item's access token (<c>access-sandbox-…</c>, <c>access-production-…</c>): with our keys it reads the bank account,
/// so it is a secret. The type exists so that it cannot be printed by accident: <see cref="ToString"/>, a record's
/// generated ToString and string interpolation all show it redacted. <see cref="Reveal"/> is for the wire and for
/// encrypted storage only.
/// </summary>
[JsonConverter(typeof(PlaidAccessTokenConverter))]
public readonly record struct PlaidAccessToken
{
    private readonly string? value;

    public PlaidAccessToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        this.value = value;
    }

    public string Reveal() => value ?? throw new InvalidOperationException("An empty PlaidAccessToken has no value.");

    public override string ToString() => PlaidTokenText.Redacted(value);
}

/// <summary>
/// A public token from Plaid Link (<c>public-sandbox-…</c>): short-lived, but exchangeable for an access token, so it is
/// redacted like one.
/// </summary>
[JsonConverter(typeof(PlaidPublicTokenConverter))]
public readonly record struct PlaidPublicToken
{
    private readonly string? value;

    public PlaidPublicToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        this.value = value;
    }

    public string Reveal() => value ?? throw new InvalidOperationException("An empty PlaidPublicToken has no value.");

    public override string ToString() => PlaidTokenText.Redacted(value);
}

internal static class PlaidTokenText
{
    // Keeps the kind and environment (access-sandbox-), which is what anyone debugging needs, and nothing of the secret part.
    public static string Redacted(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var second = value.IndexOf('-', value.IndexOf('-', StringComparison.Ordinal) + 1);
        return (second > 0 ? value[..(second + 1)] : "") + "[redacted]";
    }
}

internal sealed class PlaidAccessTokenConverter : JsonConverter<PlaidAccessToken>
{
    public override PlaidAccessToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(PlaidTokenJson.ReadNonEmpty(ref reader, "access token"));

    public override void Write(Utf8JsonWriter writer, PlaidAccessToken value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Reveal());
}

internal sealed class PlaidPublicTokenConverter : JsonConverter<PlaidPublicToken>
{
    public override PlaidPublicToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(PlaidTokenJson.ReadNonEmpty(ref reader, "public token"));

    public override void Write(Utf8JsonWriter writer, PlaidPublicToken value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Reveal());
}

internal static class PlaidTokenJson
{
    // The exception text names what was wrong, never the value.
    public static string ReadNonEmpty(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new JsonException($"Expected a non-empty string for the {what}.");
}
