using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>The reply of /accounts/get and /accounts/balance/get (the latter with balances fetched from the bank just now).</summary>
public sealed record PlaidAccountsResponse(IReadOnlyList<PlaidAccount> Accounts, PlaidItem Item, string RequestId);

/// <summary>One account of an Item. <see cref="Type"/> and <see cref="Subtype"/> are Plaid's strings (depository/checking…).</summary>
public sealed record PlaidAccount(
    string AccountId,
    PlaidBalances Balances,
    string? Mask,
    string Name,
    string? OfficialName,
    string Type,
    string? Subtype,
    string? VerificationStatus = null);

/// <summary>Balances in major units as Plaid sends them; <see cref="GetAvailable"/> and <see cref="GetCurrent"/> give exact Money.</summary>
public sealed record PlaidBalances(
    decimal? Available,
    decimal? Current,
    string? IsoCurrencyCode,
    string? UnofficialCurrencyCode,
    DateTimeOffset? LastUpdatedDatetime = null)
{
    public PlaidAmount GetAvailable() => PlaidMoney.Convert(Available, IsoCurrencyCode, UnofficialCurrencyCode);

    public PlaidAmount GetCurrent() => PlaidMoney.Convert(Current, IsoCurrencyCode, UnofficialCurrencyCode);
}

/// <summary>The reply of /auth/get: the accounts and their ACH numbers.</summary>
public sealed record PlaidAuthResponse(IReadOnlyList<PlaidAccount> Accounts, PlaidAuthNumbers Numbers, PlaidItem Item, string RequestId);

/// <summary>Only the US ACH numbers are read; Plaid's eft, international and bacs lists are ignored.</summary>
public sealed record PlaidAuthNumbers(IReadOnlyList<PlaidAchNumbers> Ach);

/// <summary>
/// An account's ACH routing number and its account number, of which only the last four digits are kept (see
/// <see cref="PlaidMaskedAccountNumber"/>): the portal shows and matches accounts, it never initiates ACH itself.
/// </summary>
public sealed record PlaidAchNumbers(string AccountId, PlaidMaskedAccountNumber Account, string Routing);

/// <summary>
/// What is left of a full bank account number once read: its last four characters. The full number never reaches an
/// object, so it cannot be stored, logged or shown; it is read from the JSON into a scratch buffer that is cleared.
/// </summary>
[JsonConverter(typeof(PlaidMaskedAccountNumberConverter))]
public readonly record struct PlaidMaskedAccountNumber(string Last4)
{
    public override string ToString() => "****" + Last4;
}

internal sealed class PlaidMaskedAccountNumberConverter : JsonConverter<PlaidMaskedAccountNumber>
{
    private const int MaxLength = 64;

    public override PlaidMaskedAccountNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected the account number as a string.");
        }

        // Unescaping never lengthens a string, so a raw value within the limit fits the scratch buffer.
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > MaxLength)
        {
            throw new JsonException("The account number is longer than any bank account number.");
        }

        Span<char> scratch = stackalloc char[MaxLength];
        try
        {
            var length = reader.CopyString(scratch);
            var digits = scratch[..length];
            return new PlaidMaskedAccountNumber(digits[Math.Max(0, length - 4)..].ToString());
        }
        finally
        {
            scratch.Clear();
        }
    }

    // Only ever the masked form: a serialized reply (a test fixture, a log) cannot carry the full number either.
    public override void Write(Utf8JsonWriter writer, PlaidMaskedAccountNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
