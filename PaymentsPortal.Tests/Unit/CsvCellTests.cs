using PaymentsPortal.Core.Common;

namespace PaymentsPortal.Tests.Unit;

[Trait("Tier", "Unit")]
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Format_FormulaStart_IsDefusedWithAnApostrophe(string value, string expected) =>
        Assert.Equal(expected, CsvCell.Format(value));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Format_OrdinaryValues_AreQuotedOnlyWhenNeeded(string? value, string expected) =>
        Assert.Equal(expected, CsvCell.Format(value));
}
