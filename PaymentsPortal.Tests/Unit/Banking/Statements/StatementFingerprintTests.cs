using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

[Trait("Tier", "Unit")]
public sealed class StatementFingerprintTests
{
    public static TheoryData<string> GoodFiles() => new(StatementCorpus.FilesIn("Good"));

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Parse_SameFileTwice_GivesIdenticalFingerprints(string name)
    {
        var first = StatementCorpus.Parse(Path.Combine("Good", name), Currency.Usd);
        var second = StatementCorpus.Parse(Path.Combine("Good", name), Currency.Usd);

        Assert.Equal(first.Lines.Select(l => l.Fingerprint), second.Lines.Select(l => l.Fingerprint));
        Assert.Equal(first.Lines.Count, first.Lines.Select(l => l.Fingerprint).Distinct().Count());
    }

    [Fact]
    public void Parse_OverlappingExport_GivesTheSharedDaysTheSameFingerprints()
    {
        var early = StatementCorpus.Parse("Overlap/jan-01-10.csv", Currency.Usd).Lines;
        var late = StatementCorpus.Parse("Overlap/jan-05-20-newest-first.csv", Currency.Usd).Lines;

        static List<string> Shared(IEnumerable<StatementLine> lines) =>
            lines.Where(l => l.Date >= new DateOnly(2026, 1, 5) && l.Date <= new DateOnly(2026, 1, 10)).Select(l => l.Fingerprint).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(5, Shared(early).Count);
        Assert.Equal(Shared(early), Shared(late));

        // What a store that skips known fingerprints would end up with: every transaction once.
        var stored = early.Concat(late).Select(l => l.Fingerprint).Distinct().Count();
        Assert.Equal(10, stored);
    }

    [Fact]
    public void Parse_OverlappingExport_KeepsBothIdenticalSameDayCoffees()
    {
        var early = StatementCorpus.Parse("Overlap/jan-01-10.csv", Currency.Usd).Lines;
        var late = StatementCorpus.Parse("Overlap/jan-05-20-newest-first.csv", Currency.Usd).Lines;

        static List<string> Coffees(IEnumerable<StatementLine> lines) =>
            lines.Where(l => l.Date == new DateOnly(2026, 1, 7)).Select(l => l.Fingerprint).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(2, Coffees(early).Distinct().Count());
        Assert.Equal(Coffees(early), Coffees(late));
    }

    [Fact]
    public void Parse_NewestDayGainsAnIdenticalRowLater_OnlyTheNewRowIsNew()
    {
        const string Header = "Date,Description,Amount\n";
        var morning = Parse(Header + "2026-01-07,Coffee shop,-5.00\n");
        var evening = Parse(Header + "2026-01-07,Coffee shop,-5.00\n2026-01-07,Coffee shop,-5.00\n");

        Assert.Equal(morning[0], evening[0]);
        Assert.NotEqual(evening[0], evening[1]);
    }

    [Theory]
    [InlineData("Coffee shop", "COFFEE   SHOP")]
    [InlineData("Coffee shop", "  coffee shop  ")]
    [InlineData("Ｃｏｆｆｅｅ shop", "Coffee shop")]
    public void Parse_DescriptionDiffersOnlyInCaseSpacingOrWidth_GivesTheSameFingerprint(string one, string other)
    {
        const string Header = "Date,Description,Amount\n";

        Assert.Equal(Parse(Header + $"2026-01-07,{one},-5.00\n"), Parse(Header + $"2026-01-07,{other},-5.00\n"));
    }

    [Theory]
    [InlineData("2026-01-08,Coffee shop,-5.00")]
    [InlineData("2026-01-07,Coffee shop,-5.01")]
    [InlineData("2026-01-07,Tea shop,-5.00")]
    public void Parse_DifferentTransaction_GivesADifferentFingerprint(string row)
    {
        const string Header = "Date,Description,Amount\n";

        Assert.NotEqual(Parse(Header + "2026-01-07,Coffee shop,-5.00\n"), Parse(Header + row + "\n"));
    }

    [Fact]
    public void Parse_SameFitIdInAnotherAccount_GivesADifferentFingerprint()
    {
        var text = System.Text.Encoding.Latin1.GetString(StatementCorpus.Bytes("Good/checking-ofx102.ofx"));
        var other = text.Replace("<ACCTID>000123456789", "<ACCTID>000123454321", StringComparison.Ordinal);

        var mine = StatementParser.Parse(StatementCorpus.Load(System.Text.Encoding.Latin1.GetBytes(text))).Lines;
        var theirs = StatementParser.Parse(StatementCorpus.Load(System.Text.Encoding.Latin1.GetBytes(other))).Lines;

        Assert.All(mine.Zip(theirs), pair => Assert.NotEqual(pair.First.Fingerprint, pair.Second.Fingerprint));
    }

    private static List<string> Parse(string csv)
    {
        var file = StatementCorpus.Load(System.Text.Encoding.UTF8.GetBytes(csv));
        var result = StatementParser.Parse(file, new CsvColumnMapping { DateColumn = 0, DescriptionColumns = [1], AmountColumn = 2, DefaultCurrency = Currency.Usd });
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Lines.Select(l => l.Fingerprint).ToList();
    }
}
