using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class CsvGoodFilesTests
{
    [Fact]
    public void Preview_UsBankWithDebitAndCreditColumns_ProposesTheMapping()
    {
        var preview = CsvStatementPreview.Create(StatementCorpus.Load("Good/us-bank-debit-credit.csv"), accountCurrency: Currency.Usd);

        Assert.True(preview.Succeeded);
        var mapping = preview.Mapping!;
        Assert.Equal(',', mapping.Delimiter);
        Assert.Equal(0, mapping.SkipRows);
        Assert.Equal(0, mapping.DateColumn);
        Assert.Equal(["MM/dd/yyyy", "MM/dd/yy"], mapping.DateFormats);
        Assert.False(preview.DateOrderIsAGuess);
        Assert.Null(mapping.AmountColumn);
        Assert.Equal(3, mapping.DebitColumn);
        Assert.Equal(4, mapping.CreditColumn);
        Assert.Equal(5, mapping.BalanceColumn);
        Assert.Equal([2], mapping.DescriptionColumns);
        Assert.Equal('.', mapping.DecimalSeparator);
        Assert.Equal(Currency.Usd, mapping.DefaultCurrency);
        Assert.Equal(["Transaction Date", "Posted Date", "Description", "Debit", "Credit", "Balance"], preview.Headers);
        Assert.Equal(6, preview.Rows.Count);
        Assert.Equal(2, preview.Rows[0].Line);
    }

    [Fact]
    public void Parse_UsBankWithDebitAndCreditColumns_GivesSignedLines()
    {
        var result = StatementCorpus.Parse("Good/us-bank-debit-credit.csv", Currency.Usd);

        Assert.Equal(
            [
                (new DateOnly(2026, 1, 2), 250000L, "PAYROLL ACME CORP PPD", 312045L, 2),
                (new DateOnly(2026, 1, 3), -500L, "STARBUCKS STORE 01234", 311545L, 3),
                (new DateOnly(2026, 1, 3), -500L, "STARBUCKS STORE 01234", 311045L, 4),
                (new DateOnly(2026, 1, 13), -4217L, "AMAZON.COM, INC. SEATTLE WA", 306828L, 5),
                (new DateOnly(2026, 1, 15), -120000L, "CHECK 1001", 186828L, 6),
                (new DateOnly(2026, 1, 20), 12L, "INTEREST PAYMENT", 186840L, 7),
            ],
            result.Lines.Select(l => (l.Date, l.Amount.MinorUnits, l.Description, l.Balance!.Value.MinorUnits, l.LineNumber)));
        Assert.All(result.Lines, l => Assert.Equal(Currency.Usd, l.Amount.Currency));
        Assert.Equal(StatementFormat.Csv, result.Metadata!.Format);
        Assert.Equal(new DateOnly(2026, 1, 2), result.Metadata!.StartDate);
        Assert.Equal(new DateOnly(2026, 1, 20), result.Metadata!.EndDate);
        Assert.Equal(Currency.Usd, result.Metadata!.Currency);
    }

    [Fact]
    public void Parse_TwoIdenticalCoffees_KeepTwoFingerprintsPinnedToTheDocumentedRule()
    {
        var result = StatementCorpus.Parse("Good/us-bank-debit-credit.csv", Currency.Usd);

        Assert.Equal(result.Lines.Count, result.Lines.Select(l => l.Fingerprint).Distinct().Count());

        // SHA-256 of "2026-01-03␟USD␟-500␟STARBUCKS STORE 01234␟␟1" (␟ = U+001F), computed outside .NET: changing the
        // rule would make every stored fingerprint stale, so it must be a deliberate, versioned change.
        Assert.Equal("csv1:3f3ca9be0da47a4190d90b22153c2b0d4f52aa37f42843a0d1a01f08d84973d7", result.Lines[2].Fingerprint);
    }

    [Fact]
    public void Parse_EuropeanSemicolonFile_ReadsDecimalCommasDottedDatesAndThePreamble()
    {
        var file = StatementCorpus.Load("Good/eu-bank-semicolon.csv");
        var preview = CsvStatementPreview.Create(file);
        var mapping = preview.Mapping!;

        Assert.Equal(';', mapping.Delimiter);
        Assert.Equal(2, mapping.SkipRows);
        Assert.Equal(0, mapping.DateColumn);
        Assert.Equal("dd.MM.yyyy", mapping.DateFormats[0]);
        Assert.Equal(4, mapping.AmountColumn);
        Assert.Equal(5, mapping.BalanceColumn);
        Assert.Equal(6, mapping.CurrencyColumn);
        Assert.Equal([2, 3], mapping.DescriptionColumns);
        Assert.Equal(',', mapping.DecimalSeparator);
        Assert.Equal(Currency.Eur, mapping.DefaultCurrency);
        Assert.Empty(preview.Notes);

        var result = StatementParser.Parse(file, mapping);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(
            [
                (new DateOnly(2026, 1, 2), -8420L, "Stadtwerke München Strom Januar", 5),
                (new DateOnly(2026, 1, 5), 125000L, "Kunde AG Rechnung 2025-117", 6),
                (new DateOnly(2026, 1, 14), -450L, "Bäckerei Schmidt Kartenzahlung", 7),
                (new DateOnly(2026, 1, 14), -450L, "Bäckerei Schmidt Kartenzahlung", 8),
                (new DateOnly(2026, 1, 28), -102400L, "Finanzamt Umsatzsteuer; Dezember", 9),
            ],
            result.Lines.Select(l => (l.Date, l.Amount.MinorUnits, l.Description, l.LineNumber)));
        Assert.Equal(315680L, result.Lines[3].Balance!.Value.MinorUnits);
        Assert.Equal(Currency.Eur, result.Metadata!.Currency);
    }

    [Fact]
    public void Parse_SingleAmountColumn_ReadsSignsParenthesesQuotesAndReferences()
    {
        var result = StatementCorpus.Parse("Good/single-amount.csv", Currency.Gbp);

        Assert.Equal(
            [
                (-2345L, "Card payment - TESCO STORES 3117", "TX1001"),
                (50000L, "Transfer from savings", "TX1002"),
                (-12000L, "Direct debit - \"City Council\"", "TX1003"),
                (1599L, "Refund AMAZON", "TX1004"),
                (-250L, "Monthly account fee", "TX1005"),
            ],
            result.Lines.Select(l => (l.Amount.MinorUnits, l.Description, l.Reference)));
        Assert.All(result.Lines, l => Assert.Equal(Currency.Gbp, l.Amount.Currency));
        Assert.All(result.Lines, l => Assert.Null(l.Balance));
    }

    [Fact]
    public void Parse_UkBankInWindows1252_ReadsPoundSignsAndAccents()
    {
        var file = StatementCorpus.Load("Good/uk-bank-1252.csv");
        Assert.Equal("windows-1252", file.EncodingName);

        var result = StatementCorpus.Parse("Good/uk-bank-1252.csv");

        Assert.Equal(
            [
                (new DateOnly(2026, 2, 3), -1840L, "Café Rouge £ voucher", 98160L),
                (new DateOnly(2026, 2, 4), 12000L, "Société Générale refund", 110160L),
                (new DateOnly(2026, 2, 15), -3210L, "Thames Water", 106950L),
            ],
            result.Lines.Select(l => (l.Date, l.Amount.MinorUnits, l.Description, l.Balance!.Value.MinorUnits)));
        Assert.Equal(Currency.Gbp, result.Metadata!.Currency);
    }

    [Fact]
    public void Parse_PositiveIsMoneyOut_FlipsTheSign()
    {
        var file = StatementCorpus.Load("Good/single-amount.csv");
        var mapping = CsvStatementPreview.Create(file, accountCurrency: Currency.Gbp).Mapping! with { AmountSign = CsvAmountSign.PositiveIsMoneyOut };

        var result = StatementParser.Parse(file, mapping);

        Assert.Equal([2345L, -50000L, 12000L, -1599L, 250L], result.Lines.Select(l => l.Amount.MinorUnits));
    }
}
