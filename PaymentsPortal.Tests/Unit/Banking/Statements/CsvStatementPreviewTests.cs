using System.Text;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class CsvStatementPreviewTests
{
    [Fact]
    public void Create_DatesThatReadBothWays_FlagsTheOrderAsAGuess()
    {
        var preview = Preview("Date,Description,Amount\n01/02/2026,A,-1.00\n03/04/2026,B,-2.00\n", Currency.Gbp);

        Assert.True(preview.DateOrderIsAGuess);
        Assert.Equal("dd/MM/yyyy", preview.Mapping!.DateFormats[0]);
        Assert.Contains(preview.Notes, n => n.Contains("day-first and month-first", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_DatesThatReadBothWaysInDollars_GuessesMonthFirst()
    {
        var preview = Preview("Date,Description,Amount\n01/02/2026,A,-1.00\n03/04/2026,B,-2.00\n", Currency.Usd);

        Assert.True(preview.DateOrderIsAGuess);
        Assert.Equal("MM/dd/yyyy", preview.Mapping!.DateFormats[0]);
    }

    [Fact]
    public void Create_ADayAboveTwelve_SettlesTheOrder()
    {
        var preview = Preview("Date,Description,Amount\n01/02/2026,A,-1.00\n03/04/2026,B,-2.00\n25/04/2026,C,-3.00\n", Currency.Usd);

        Assert.False(preview.DateOrderIsAGuess);
        Assert.Equal("dd/MM/yyyy", preview.Mapping!.DateFormats[0]);
    }

    [Fact]
    public void Create_DayAboveTwelveBeyondThePreviewRows_StillSettlesTheOrder()
    {
        var rows = string.Concat(Enumerable.Range(1, 12).Select(m => $"01/{m:00}/2026,Row,-1.00\n"));
        var preview = Preview("Date,Description,Amount\n" + rows + "01/13/2026,Late,-1.00\n", Currency.Gbp);

        Assert.Equal(10, preview.Rows.Count);
        Assert.False(preview.DateOrderIsAGuess);
        Assert.Equal("MM/dd/yyyy", preview.Mapping!.DateFormats[0]);
    }

    [Theory]
    [InlineData("Date\tDescription\tAmount\n2026-01-02\tA\t-1.00\n", '\t')]
    [InlineData("Date;Description;Amount\n2026-01-02;A;-1,00\n", ';')]
    [InlineData("sep=;\nDate;Description;Amount\n2026-01-02;A;-1,00\n", ';')]
    [InlineData("Date,Description,Amount\n2026-01-02,\"A; B\",-1.00\n", ',')]
    public void Create_AnyDelimiter_IsDetected(string csv, char delimiter)
    {
        var preview = Preview(csv, Currency.Eur);

        Assert.Equal(delimiter, preview.Mapping!.Delimiter);
        Assert.Equal(["Date", "Description", "Amount"], preview.Headers);
        Assert.True(StatementParser.Parse(StatementCorpus.Load(Encoding.UTF8.GetBytes(csv)), preview.Mapping).Succeeded);
    }

    [Fact]
    public void Create_FileWithoutAHeader_GuessesColumnsFromTheValues()
    {
        var preview = Preview("2026-01-02,STARBUCKS,-5.00,995.00\n2026-01-03,PAYROLL ACME,1000.00,1995.00\n", Currency.Usd);

        var mapping = preview.Mapping!;
        Assert.False(mapping.HasHeaderRow);
        Assert.Equal(0, mapping.DateColumn);
        Assert.Equal([1], mapping.DescriptionColumns);
        Assert.Equal(2, mapping.AmountColumn);
        Assert.Equal(3, mapping.BalanceColumn);
        Assert.Equal(["Column 1", "Column 2", "Column 3", "Column 4"], preview.Headers);
    }

    [Fact]
    public void Create_AllAmountsPositive_AsksAboutTheSign()
    {
        var preview = Preview("Date,Description,Amount\n2026-01-02,Hotel,120.00\n2026-01-03,Taxi,35.00\n", Currency.Usd);

        Assert.Contains(preview.Notes, n => n.Contains("money in or money out", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_NoCurrencyAnywhere_LeavesItToThePerson()
    {
        var preview = Preview("Date,Description,Amount\n2026-01-02,Hotel,-120.00\n", null);

        Assert.Null(preview.Mapping!.DefaultCurrency);
        Assert.Contains(preview.Notes, n => n.Contains("choose it", StringComparison.Ordinal));
        var result = StatementParser.Parse(StatementCorpus.Load(Encoding.UTF8.GetBytes("Date,Description,Amount\n2026-01-02,Hotel,-120.00\n")), preview.Mapping);
        Assert.Equal("Choose the statement's currency.", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Create_OfxFile_NeedsNoPreview()
    {
        var preview = CsvStatementPreview.Create(StatementCorpus.Load("Good/creditcard.qfx"));

        Assert.False(preview.Succeeded);
        Assert.Null(preview.Mapping);
    }

    [Fact]
    public void Parse_MappingWithContradictions_ListsEachBeforeReadingRows()
    {
        var mapping = new CsvColumnMapping
        {
            DateColumn = 0,
            AmountColumn = 2,
            DebitColumn = 2,
            DateFormats = ["dd/MM"],
            DecimalSeparator = ',',
            ThousandsSeparators = ",",
        };

        var result = StatementParser.Parse(StatementCorpus.Load("Good/single-amount.csv"), mapping);

        var messages = result.Problems.Select(p => p.Message).ToList();
        Assert.Contains(messages, m => m.Contains("not one we can read", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("thousands separators cannot include the decimal separator", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Choose the statement's currency", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Column 3 is chosen for the amount and the debit", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MappingBeyondTheHeader_PointsAtTheHeaderLine()
    {
        var mapping = new CsvColumnMapping { DateColumn = 0, AmountColumn = 7, DefaultCurrency = Currency.Usd };

        var result = StatementParser.Parse(StatementCorpus.Load("Good/single-amount.csv"), mapping);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("the amount is mapped to column 8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongDelimiterInTheMapping_SaysSoOnEveryRow()
    {
        var mapping = new CsvColumnMapping { Delimiter = ';', HasHeaderRow = false, SkipRows = 1, DateColumn = 0, AmountColumn = 2, DefaultCurrency = Currency.Usd };

        var result = StatementParser.Parse(StatementCorpus.Load("Good/single-amount.csv"), mapping);

        Assert.Equal(5, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Contains("is the delimiter semicolon right?", p.Message, StringComparison.Ordinal));
        Assert.Empty(result.Lines);
    }

    private static CsvStatementPreview Preview(string csv, Currency? currency) =>
        CsvStatementPreview.Create(StatementCorpus.Load(Encoding.UTF8.GetBytes(csv)), accountCurrency: currency);
}
