using System.Globalization;

namespace PaymentsPortal.Core.Payments;

/// <summary>
/// An amount as a whole number of the currency's minor units (cents, yen, fils), never a floating-point
/// number. Arithmetic is checked and only between amounts of the same currency.
/// </summary>
public readonly record struct Money
{
    public Money(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }

    public Currency Currency { get; }

    public bool IsPositive => MinorUnits > 0;

    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>
    /// Parses a major-unit amount such as "12.34" (invariant culture: digits and one '.') exactly. More decimals
    /// than the currency has is an error rather than a rounding: 1.005 USD is not an amount anyone can pay.
    /// </summary>
    public static bool TryParse(string? text, Currency currency, out Money money, out string? error)
    {
        money = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text) || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = "Enter the amount as digits with an optional '.' before the minor units.";
            return false;
        }

        // Checked before multiplying: decimal arithmetic throws on overflow, and this text may come from a URL.
        if (value > long.MaxValue / (decimal)currency.MinorPerMajor)
        {
            error = "The amount is too large.";
            return false;
        }

        var minor = value * currency.MinorPerMajor;
        if (minor != decimal.Truncate(minor))
        {
            error = currency.Decimals == 0
                ? $"{currency.Code} has no minor units: enter a whole number."
                : $"{currency.Code} has {currency.Decimals} decimal places at most.";
            return false;
        }

        money = new Money((long)minor, currency);
        return true;
    }

    public static Money operator +(Money left, Money right) => new(checked(left.MinorUnits + SameCurrency(left, right).MinorUnits), left.Currency);

    public static Money operator -(Money left, Money right) => new(checked(left.MinorUnits - SameCurrency(left, right).MinorUnits), left.Currency);

    public static bool operator <(Money left, Money right) => left.MinorUnits < SameCurrency(left, right).MinorUnits;

    public static bool operator >(Money left, Money right) => left.MinorUnits > SameCurrency(left, right).MinorUnits;

    public static bool operator <=(Money left, Money right) => left.MinorUnits <= SameCurrency(left, right).MinorUnits;

    public static bool operator >=(Money left, Money right) => left.MinorUnits >= SameCurrency(left, right).MinorUnits;

    /// <summary>The major-unit amount with exactly the currency's decimals, invariant: "12.34", "1500", "1.250".</summary>
    public string ToMajorString()
    {
        var sign = MinorUnits < 0 ? "-" : "";
        var magnitude = (ulong)Math.Abs((decimal)MinorUnits);
        if (Currency.Decimals == 0)
        {
            return sign + magnitude.ToString(CultureInfo.InvariantCulture);
        }

        var unit = (ulong)Currency.MinorPerMajor;
        var fraction = (magnitude % unit).ToString(CultureInfo.InvariantCulture).PadLeft(Currency.Decimals, '0');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / unit}.{fraction}");
    }

    /// <summary>For people: the amount in <paramref name="culture"/>'s number format with the currency's decimals, then the code.</summary>
    public string Format(IFormatProvider culture)
    {
        var major = (decimal)MinorUnits / Currency.MinorPerMajor;
        return major.ToString("N" + Currency.Decimals.ToString(CultureInfo.InvariantCulture), culture) + " " + Currency.Code;
    }

    public override string ToString() => ToMajorString() + " " + Currency.Code;

    private static Money SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency.Code} with {right.Currency.Code}.");
}
