using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class StatementAmountTests
{
    [Theory]
    [InlineData("12.00", '.', ",", "USD", 1200)]
    [InlineData("1,234.56", '.', ",", "USD", 123456)]
    [InlineData("1.234,56", ',', ".", "EUR", 123456)]
    [InlineData("1 234,56", ',', ". ", "EUR", 123456)]
    [InlineData("1\u00A0234,56", ',', ". \u00A0", "EUR", 123456)]
    [InlineData("-12.00", '.', ",", "USD", -1200)]
    [InlineData("\u221212.00", '.', ",", "USD", -1200)]
    [InlineData("+12.00", '.', ",", "USD", 1200)]
    [InlineData("12.00-", '.', ",", "USD", -1200)]
    [InlineData("(12.00)", '.', ",", "USD", -1200)]
    [InlineData("$12.00", '.', ",", "USD", 1200)]
    [InlineData("-$12.00", '.', ",", "USD", -1200)]
    [InlineData("$-12.00", '.', ",", "USD", -1200)]
    [InlineData("($1,200.00)", '.', ",", "USD", -120000)]
    [InlineData("€ 5,00", ',', ".", "EUR", 500)]
    [InlineData("5,00 €", ',', ".", "EUR", 500)]
    [InlineData("-5,00 EUR", ',', ".", "EUR", -500)]
    [InlineData("USD 7.5", '.', ",", "USD", 750)]
    [InlineData("£18.40", '.', ",", "GBP", 1840)]
    [InlineData("1,500", '.', ",", "JPY", 1500)]
    [InlineData("1.250", '.', ",", "BHD", 1250)]
    [InlineData("12.3400", '.', ",", "USD", 1234)]
    [InlineData(".50", '.', ",", "USD", 50)]
    [InlineData("0", '.', ",", "USD", 0)]
    public void Parse_BankFormattedAmount_GivesExactMinorUnits(string text, char decimalSeparator, string thousands, string currency, long minor)
    {
        var money = StatementAmount.Parse(text, decimalSeparator, thousands, Currency.From(currency), out var error);

        Assert.Null(error);
        Assert.Equal(new Money(minor, Currency.From(currency)), money);
    }

    [Theory]
    [InlineData("abc", '.', ",", "USD", "is not a number")]
    [InlineData("1.234,56", '.', ",", "USD", "is not a number written like 1,234.56")]
    [InlineData("1,234.56", ',', ".", "EUR", "is not a number written like 1.234,56")]
    [InlineData("12,50", '.', ",", "USD", "is not a number written like 1,234.56")]
    [InlineData("1,23,456.00", '.', ",", "USD", "is not a number written like")]
    [InlineData("12.345", '.', ",", "USD", "has more decimals than USD has (2)")]
    [InlineData("10.5", '.', ",", "JPY", "has decimals, but JPY has no minor units")]
    [InlineData("1.2.3", '.', ",", "USD", "is not a number written like")]
    [InlineData("--12.00", '.', ",", "USD", "more than one sign")]
    [InlineData("(-12.00)", '.', ",", "USD", "more than one sign")]
    [InlineData("-12.00-", '.', ",", "USD", "more than one sign")]
    [InlineData("€12.00", '.', ",", "USD", "is marked € but the statement currency is USD")]
    [InlineData("12.00 EUR", '.', ",", "USD", "is marked EUR but the statement currency is USD")]
    [InlineData("$5 $5", '.', ",", "USD", "is not a number")]
    [InlineData("99999999999999999999", '.', ",", "USD", "is too large")]
    [InlineData("1e3", '.', ",", "USD", "is not a number")]
    [InlineData("12 50", '.', ",", "USD", "is not a number written like")]
    public void Parse_AmountThatCannotBeReadExactly_IsAProblemNotARounding(string text, char decimalSeparator, string thousands, string currency, string hint)
    {
        var money = StatementAmount.Parse(text, decimalSeparator, thousands, Currency.From(currency), out var error);

        Assert.Null(money);
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    public void Parse_BlankCell_IsNoAmountAndNoError(string text)
    {
        Assert.Null(StatementAmount.Parse(text, '.', ",", Currency.Usd, out var error));
        Assert.Null(error);
    }
}
