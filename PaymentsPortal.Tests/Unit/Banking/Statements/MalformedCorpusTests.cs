using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class MalformedCorpusTests
{
    public static TheoryData<string> MalformedFiles() => new(StatementCorpus.FilesIn("Malformed"));

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Import_MalformedFile_GivesProblemsAndNoLinesWithoutThrowing(string name)
    {
        var attempt = StatementCorpus.Import(StatementCorpus.Bytes(Path.Combine("Malformed", name)), Currency.Usd);

        Assert.NotEmpty(attempt.Problems);
        Assert.Empty(attempt.Lines);
        Assert.All(attempt.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        Assert.True(attempt.Result is null or { Metadata: null });
    }

    [Theory]
    [InlineData("unbalanced-quotes.csv", 3, "never closed")]
    [InlineData("stray-quote.csv", 3, "quote mark")]
    [InlineData("too-few-columns.csv", 3, "the row has 2 columns")]
    [InlineData("bad-amount.csv", 14, "Line 14: the amount 'abc' is not a number.")]
    [InlineData("bad-date.csv", 3, "Line 3: the date '31/02/2026' does not exist")]
    [InlineData("european-amount-in-us-file.csv", 3, "the amount '1.234,56' is not a number written like 1,234.56")]
    [InlineData("too-many-decimals.csv", 2, "has more decimals than USD has (2)")]
    [InlineData("both-debit-and-credit.csv", 2, "both the debit and the credit column")]
    [InlineData("footer-total-row.csv", 7, "the date 'Total' is not a date")]
    [InlineData("truncated.csv", 3, "the row has 2 columns")]
    [InlineData("huge-single-line.csv", 2, "characters long")]
    [InlineData("currency-symbol-mismatch.csv", 3, "marked $")]
    [InlineData("double-sign.csv", 2, "more than one sign")]
    [InlineData("ofx-missing-stmttrn-close.ofx", 32, "<STMTTRN> is not closed before the next <STMTTRN> on line 38")]
    [InlineData("ofx-missing-dtposted.ofx", 32, "no date (DTPOSTED)")]
    [InlineData("ofx-missing-trnamt.ofx", 32, "no amount (TRNAMT)")]
    [InlineData("ofx-truncated.ofx", 32, "looks cut off")]
    [InlineData("ofx-cut-inside-tag.ofx", 33, "is cut off")]
    [InlineData("ofx-duplicate-fitid.ofx", 36, "'A1' was already used on line 29")]
    [InlineData("ofx-bad-amount.ofx", 35, "the amount '-1,234.56' is not a number")]
    [InlineData("ofx-bad-date.ofx", 34, "the date '20260231' does not exist")]
    [InlineData("ofx-no-currency.ofx", 15, "does not say its currency (CURDEF)")]
    [InlineData("ofx-bank-error.ofx", 14, "error 15500 instead of a statement: Signon invalid")]
    [InlineData("ofx2-unclosed-element.ofx", 6, "<STMTTRN> is not closed before </BANKTRANLIST> on line 7")]
    public void Import_MalformedFile_PointsAtTheLine(string name, int line, string message)
    {
        var attempt = StatementCorpus.Import(StatementCorpus.Bytes(Path.Combine("Malformed", name)), Currency.Usd);

        var problem = Assert.Single(attempt.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.StartsWith($"Line {line}: ", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.csv", "The file is empty.")]
    [InlineData("whitespace-only.csv", "The file is empty.")]
    [InlineData("header-only.csv", "The file has a header row but no transactions.")]
    [InlineData("binary-garbage.csv", "not a text file")]
    [InlineData("xlsx-renamed.csv", "spreadsheet workbook")]
    [InlineData("html-login-page.csv", "web page")]
    [InlineData("xml-not-ofx.ofx", "XML file but not an OFX statement")]
    [InlineData("wrong-delimiter.csv", "Choose the amount column")]
    public void Import_UnreadableFile_SaysWhyForTheWholeFile(string name, string message)
    {
        var attempt = StatementCorpus.Import(StatementCorpus.Bytes(Path.Combine("Malformed", name)), Currency.Usd);

        var problem = Assert.Single(attempt.Problems);
        Assert.Null(problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }
}
