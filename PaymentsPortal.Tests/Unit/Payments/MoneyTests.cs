using System.Globalization;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Payments;

[Trait("Tier", "Unit")]
public sealed class MoneyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("eur", 2)]
    public void Currency_KnownCode_HasIsoMinorUnit(string code, int decimals)
    {
        Assert.Equal(decimals, Currency.From(code).Decimals);
        Assert.Equal(code.ToUpperInvariant(), Currency.From(code).Code);
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("US")]
    [InlineData("")]
    [InlineData(null)]
    public void Currency_UnknownCode_IsRejected(string? code) => Assert.False(Currency.TryFrom(code, out _));

    [Theory]
    [InlineData("12.34", "USD", 1234)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1.250", "BHD", 1250)]
    [InlineData("7", "BHD", 7000)]
    [InlineData("1.5", "EUR", 150)]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    public void TryParse_ExactAmount_GivesMinorUnits(string text, string currency, long minor)
    {
        Assert.True(Money.TryParse(text, Currency.From(currency), out var money, out var error), error);
        Assert.Equal(minor, money.MinorUnits);
    }

    [Theory]
    [InlineData("1.005", "USD", "2 decimal places")]
    [InlineData("10.5", "JPY", "no minor units")]
    [InlineData("1.2345", "BHD", "3 decimal places")]
    [InlineData("-5", "USD", "digits")]
    [InlineData("1e3", "USD", "digits")]
    [InlineData("12,50", "EUR", "digits")]
    [InlineData("", "USD", "digits")]
    [InlineData("79228162514264337593543950335", "USD", "too large")]
    [InlineData("92233720368547758.08", "USD", "too large")]
    [InlineData("9223372036854775808", "JPY", "too large")]
    public void TryParse_AmountTheCurrencyCannotHold_ExplainsWhy(string text, string currency, string hint)
    {
        Assert.False(Money.TryParse(text, Currency.From(currency), out _, out var error));
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1234, "USD", "12.34")]
    [InlineData(5, "USD", "0.05")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(1250, "BHD", "1.250")]
    [InlineData(-1250, "BHD", "-1.250")]
    public void ToMajorString_UsesTheCurrencysDecimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, new Money(minor, Currency.From(currency)).ToMajorString());

    [Fact]
    public void Format_UsesTheGivenCulture() =>
        Assert.Equal("1.234,50 EUR", new Money(123450, Currency.Eur).Format(CultureInfo.GetCultureInfo("de-DE")));

    [Fact]
    public void Arithmetic_AcrossCurrencies_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new Money(100, Currency.Usd) + new Money(100, Currency.Eur));

    [Fact]
    public void Arithmetic_Overflow_IsRefused() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, Currency.Usd) + new Money(1, Currency.Usd));
}
