using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class OfxGoodFilesTests
{
    [Fact]
    public void Parse_Ofx102Checking_ReadsLinesAndMetadata()
    {
        var file = StatementCorpus.Load("Good/checking-ofx102.ofx");
        Assert.Equal(StatementFormat.OfxSgml, file.Format);
        Assert.Equal("windows-1252", file.EncodingName);

        var result = StatementParser.Parse(file);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(
            [
                (new DateOnly(2026, 1, 2), 250000L, "ACME CORP PAYROLL PPD ID: 9876543210", "202601020001", 39),
                (new DateOnly(2026, 1, 5), -500L, "STARBUCKS STORE 01234", "202601050001", 47),
                (new DateOnly(2026, 1, 5), -500L, "STARBUCKS STORE 01234", "202601050002", 54),
                (new DateOnly(2026, 1, 15), -120000L, "CHECK 1001", "202601150001", 61),
                (new DateOnly(2026, 1, 20), -6499L, "AT&T MOBILITY Café au lait <online>", "202601200001", 69),
            ],
            result.Lines.Select(l => (l.Date, l.Amount.MinorUnits, l.Description, l.Reference, l.LineNumber)));
        Assert.All(result.Lines, l => Assert.Equal(Currency.Usd, l.Amount.Currency));
        var metadata = result.Metadata;
        Assert.Equal("6789", metadata.AccountLast4);
        Assert.Equal("CHECKING", metadata.AccountType);
        Assert.Equal(Currency.Usd, metadata.Currency);
        Assert.Equal(new DateOnly(2026, 1, 1), metadata.StartDate);
        Assert.Equal(new DateOnly(2026, 1, 31), metadata.EndDate);
        Assert.Equal(new Money(186840, Currency.Usd), metadata.LedgerBalance);
        Assert.Equal(new DateOnly(2026, 1, 31), metadata.LedgerBalanceDate);
        Assert.False(metadata.HasIntuitExtensions);
    }

    [Fact]
    public void Parse_Ofx102Checking_FingerprintsAreAccountLast4AndFitId()
    {
        var result = StatementParser.Parse(StatementCorpus.Load("Good/checking-ofx102.ofx"));

        // SHA-256 of "6789␟202601050001", computed outside .NET.
        Assert.Equal("ofx1:1c05ad146cced7821a46155b4cb5fe46ca8e23163ecf7506b5684371b968d1d6", result.Lines[1].Fingerprint);
        Assert.Equal(5, result.Lines.Select(l => l.Fingerprint).Distinct().Count());
    }

    [Fact]
    public void Parse_Ofx102Checking_NeverKeepsTheFullAccountNumber()
    {
        var result = StatementParser.Parse(StatementCorpus.Load("Good/checking-ofx102.ofx"));

        var everything = string.Join("|", result.Lines.Select(l => l.ToString())) + result.Metadata;
        Assert.DoesNotContain("123456789", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Ofx2Xml_ReadsPayeeAggregatesCdataAndDecimalCommas()
    {
        var file = StatementCorpus.Load("Good/checking-ofx2.ofx");
        Assert.Equal(StatementFormat.OfxXml, file.Format);

        var result = StatementParser.Parse(file);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(
            [
                (new DateOnly(2026, 2, 2), 125000L, "Kunde AG Rechnung 2026-004", "X-2026-0202-01"),
                (new DateOnly(2026, 2, 10), -8420L, "Stadtwerke München Strom Februar", "X-2026-0210-01"),
                (new DateOnly(2026, 2, 27), -750L, "Kontoführung & Karte", "X-2026-0227-01"),
            ],
            result.Lines.Select(l => (l.Date, l.Amount.MinorUnits, l.Description, l.Reference)));
        Assert.Equal("3000", result.Metadata.AccountLast4);
        Assert.Equal(Currency.Eur, result.Metadata.Currency);
        Assert.Equal(new Money(315830, Currency.Eur), result.Metadata.LedgerBalance);
    }

    [Fact]
    public void Parse_QfxCreditCardOnOneLine_ReadsIntuitFileAsCreditCard()
    {
        var result = StatementParser.Parse(StatementCorpus.Load("Good/creditcard.qfx"));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(
            [(-8999L, "ADOBE *CREATIVE CLOUD"), (-1240L, "UBER *TRIP"), (50000L, "PAYMENT - THANK YOU")],
            result.Lines.Select(l => (l.Amount.MinorUnits, l.Description)));
        Assert.All(result.Lines, l => Assert.Equal(11, l.LineNumber));
        Assert.True(result.Metadata.HasIntuitExtensions);
        Assert.Equal("CREDITCARD", result.Metadata.AccountType);
        Assert.Equal("1111", result.Metadata.AccountLast4);
        Assert.Equal(new Money(-60239, Currency.Usd), result.Metadata.LedgerBalance);
    }

    [Fact]
    public void Parse_OfxWithOddWhiteSpace_ReadsLikeATidyFile()
    {
        var file = StatementCorpus.Load("Good/ofx-odd-whitespace.ofx");

        var result = StatementParser.Parse(file);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal("utf-8", file.EncodingName);
        Assert.Equal(
            [(new DateOnly(2026, 3, 31), 123L, "Interest £ paid", "INT-0331"), (new DateOnly(2026, 3, 30), -1000L, "Transfer", "D-0330")],
            result.Lines.Select(l => (l.Date, l.Amount.MinorUnits, l.Description, l.Reference)));
        Assert.Equal(Currency.Gbp, result.Metadata.Currency);
        Assert.Equal("4321", result.Metadata.AccountLast4);
        Assert.Equal("SAVINGS", result.Metadata.AccountType);
        Assert.Equal(new DateOnly(2026, 3, 30), result.Metadata.StartDate);
    }

    [Fact]
    public void Parse_OfxWithAMapping_IgnoresTheMapping()
    {
        var result = StatementParser.Parse(StatementCorpus.Load("Good/creditcard.qfx"), new CsvColumnMapping());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Parse_OfxWithMoreTransactionsThanTheLimit_IsRefused()
    {
        var options = new StatementImportOptions { MaxRows = 4 };

        var result = StatementParser.Parse(StatementCorpus.Load("Good/checking-ofx102.ofx"), options: options);

        Assert.Empty(result.Lines);
        Assert.Contains("more than 4 transactions", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OfxWithTwoAccounts_AsksForOneAtATime()
    {
        var text = System.Text.Encoding.UTF8.GetString(StatementCorpus.Bytes("Good/checking-ofx2.ofx"));
        var start = text.IndexOf("<STMTTRNRS>", StringComparison.Ordinal);
        var end = text.IndexOf("</STMTTRNRS>", StringComparison.Ordinal) + "</STMTTRNRS>".Length;
        var twice = text[..end] + text[start..end] + text[end..];

        var result = StatementParser.Parse(StatementCorpus.Load(System.Text.Encoding.UTF8.GetBytes(twice)));

        Assert.Contains("statements for 2 accounts", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}
