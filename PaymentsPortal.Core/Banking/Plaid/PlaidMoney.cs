using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Plaid;

/// <summary>
/// An amount Plaid sent, converted exactly to <see cref="Payments.Money"/>, or why it could not be. Money is null and
/// Problem null when Plaid sent no amount at all (a balance the bank does not report).
/// </summary>
public readonly record struct PlaidAmount(Money? Money, string? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Plaid sends amounts as JSON numbers in major units ("72.1" dollars) with the currency beside them. They are read as
/// decimal, never double, and turned into minor units only when that is exact in the currency's ISO 4217 decimals:
/// 1.005 USD or 12.5 JPY is reported as a problem, never rounded.
/// </summary>
public static class PlaidMoney
{
    public static PlaidAmount Convert(decimal? amount, string? isoCurrencyCode, string? unofficialCurrencyCode)
    {
        if (amount is null)
        {
            return new PlaidAmount(null, null);
        }

        // Plaid sets exactly one of the two codes; the unofficial one (crypto, loyalty points) has no ISO decimals to trust.
        if (string.IsNullOrWhiteSpace(isoCurrencyCode))
        {
            return Problem(string.IsNullOrWhiteSpace(unofficialCurrencyCode)
                ? "Plaid sent an amount without a currency."
                : $"Plaid sent an amount in the unofficial currency '{unofficialCurrencyCode}', which the portal does not handle.");
        }

        if (!Currency.TryFrom(isoCurrencyCode, out var currency))
        {
            return Problem($"Plaid sent an amount in '{isoCurrencyCode}', which is not a supported ISO 4217 currency code.");
        }

        var value = amount.Value;
        if (Math.Abs(value) > long.MaxValue / (decimal)currency.MinorPerMajor)
        {
            return Problem(string.Create(CultureInfo.InvariantCulture, $"Plaid sent an amount too large to hold: {value} {currency.Code}."));
        }

        var minor = value * currency.MinorPerMajor;
        if (minor != decimal.Truncate(minor))
        {
            return Problem(string.Create(CultureInfo.InvariantCulture,
                $"Plaid sent {value} {currency.Code}, which has more decimals than {currency.Code}'s {currency.Decimals}."));
        }

        return new PlaidAmount(new Money((long)minor, currency), null);
    }

    private static PlaidAmount Problem(string problem) => new(null, problem);
}
