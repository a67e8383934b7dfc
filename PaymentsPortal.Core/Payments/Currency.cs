using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// An ISO 4217 currency and its minor-unit exponent: JPY has none, USD two, BHD three. Only currencies
/// listed here are accepted, so an amount can never be interpreted with the wrong number of decimals.
/// </summary>
public sealed record Currency
{
    // Declared first: the named currencies below are looked up in it during static initialisation.
    // ISO 4217's active codes whose minor unit differs from two, then the two-decimal ones we accept.
    // Source: the ISO 4217 list (SIX, amendment 178). Funds codes and precious metals are left out.
    private static FrozenDictionary<string, Currency> Known { get; } = Build(
        (0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"),
        (3, "BHD IQD JOD KWD LYD OMR TND"),
        (4, "CLF UYW"),
        (2, "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY " +
            "COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR " +
            "IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD " +
            "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC " +
            "SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWG"));

    private Currency(string code, int decimals)
    {
        Code = code;
        Decimals = decimals;
    }

    /// <summary>The upper-case three-letter code.</summary>
    public string Code { get; }

    /// <summary>How many digits follow the decimal point (ISO 4217's minor unit).</summary>
    public int Decimals { get; }

    /// <summary>10^Decimals: how many minor units make one major unit.</summary>
    public long MinorPerMajor => Decimals switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => 10_000 };

    public static Currency Usd { get; } = Known["USD"];

    public static Currency Eur { get; } = Known["EUR"];

    public static Currency Gbp { get; } = Known["GBP"];

    public static Currency Jpy { get; } = Known["JPY"];

    public static Currency Krw { get; } = Known["KRW"];

    public static Currency Bhd { get; } = Known["BHD"];

    /// <summary>Every accepted currency, by code.</summary>
    public static IReadOnlyCollection<Currency> All => Known.Values;

    public static bool TryFrom(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is not null && Known.TryGetValue(code.Trim(), out currency);
    }

    public static Currency From(string code) =>
        TryFrom(code, out var currency) ? currency : throw new ArgumentException($"'{code}' is not a supported ISO 4217 currency code.", nameof(code));

    public override string ToString() => Code;

    private static FrozenDictionary<string, Currency> Build(params (int Decimals, string Codes)[] groups) =>
        groups.SelectMany(g => g.Codes.Split(' ').Select(code => new Currency(code, g.Decimals)))
            .ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
}
