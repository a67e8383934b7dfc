using PaymentsPortal.Core.Banking.Statements;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class StatementDateTests
{
    [Theory]
    [InlineData("2026-01-05", "yyyy-MM-dd", 2026, 1, 5)]
    [InlineData("01/05/2026", "MM/dd/yyyy", 2026, 1, 5)]
    [InlineData("1/5/2026", "MM/dd/yyyy", 2026, 1, 5)]
    [InlineData("05/01/2026", "dd/MM/yyyy", 2026, 1, 5)]
    [InlineData("05.01.2026", "dd.MM.yyyy", 2026, 1, 5)]
    [InlineData("05.01.26", "dd.MM.yy", 2026, 1, 5)]
    [InlineData("20260105", "yyyyMMdd", 2026, 1, 5)]
    [InlineData("05 Jan 2026", "dd MMM yyyy", 2026, 1, 5)]
    [InlineData("05-JAN-26", "dd-MMM-yy", 2026, 1, 5)]
    [InlineData("2026-01-05 13:45:00", "yyyy-MM-dd", 2026, 1, 5)]
    [InlineData("2026-01-05T13:45:00.000Z", "yyyy-MM-dd", 2026, 1, 5)]
    [InlineData("1/5/2026 1:45 PM", "MM/dd/yyyy", 2026, 1, 5)]
    [InlineData("29.02.2028", "dd.MM.yyyy", 2028, 2, 29)]
    public void TryParse_DateInItsFormat_IsRead(string text, string format, int year, int month, int day)
    {
        Assert.Equal(StatementDate.Outcome.Parsed, StatementDate.TryParse(text, format, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("31/02/2026", "dd/MM/yyyy")]
    [InlineData("29.02.2026", "dd.MM.yyyy")]
    [InlineData("13/05/2026", "MM/dd/yyyy")]
    [InlineData("2026-00-10", "yyyy-MM-dd")]
    public void TryParse_DayThatDoesNotExist_SaysSo(string text, string format) =>
        Assert.Equal(StatementDate.Outcome.NoSuchDay, StatementDate.TryParse(text, format, out _));

    [Theory]
    [InlineData("2026-01-05", "dd/MM/yyyy")]
    [InlineData("abc", "yyyy-MM-dd")]
    [InlineData("", "yyyy-MM-dd")]
    [InlineData("2026-01-05x", "yyyy-MM-dd")]
    [InlineData("Total", "dd/MM/yyyy")]
    [InlineData("12.50", "dd.MM.yyyy")]
    public void TryParse_TextInAnotherShape_IsNotADate(string text, string format) =>
        Assert.Equal(StatementDate.Outcome.WrongShape, StatementDate.TryParse(text, format, out _));

    [Theory]
    [InlineData("dd/MM/yyyy", true)]
    [InlineData("yyyyMMdd", true)]
    [InlineData("MMM dd, yyyy", true)]
    [InlineData("dd/MM", false)]
    [InlineData("dddd, MMMM d", false)]
    [InlineData("HH:mm", false)]
    public void IsSupported_Format_AcceptsOnlyCompleteKnownPatterns(string format, bool supported) =>
        Assert.Equal(supported, StatementDate.IsSupported(format));
}
