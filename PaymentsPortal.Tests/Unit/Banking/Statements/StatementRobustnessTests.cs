using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

/// <summary>Every prefix and many corruptions of the good files: whatever a broken upload looks like, no exception and no half import.</summary>
[Trait("Tier", "Unit")]
public sealed class StatementRobustnessTests
{
    public static TheoryData<string> GoodFiles() => new(StatementCorpus.FilesIn("Good"));

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Import_TruncatedAnywhere_NeverThrowsOrHalfImports(string name)
    {
        var bytes = StatementCorpus.Bytes(Path.Combine("Good", name));
        var complete = StatementCorpus.Import(bytes, Currency.Usd).Lines.Count;

        for (var length = 0; length < bytes.Length; length += 7)
        {
            var attempt = StatementCorpus.Import(bytes[..length], Currency.Usd);

            AllOrNothing(attempt);
            Assert.True(attempt.Lines.Count is 0 || attempt.Lines.Count <= complete);
        }
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Import_BytesOverwritten_NeverThrowsOrHalfImports(string name)
    {
        var bytes = StatementCorpus.Bytes(Path.Combine("Good", name));
        byte[] replacements = [0x00, (byte)'<', (byte)'>', (byte)'"', (byte)',', (byte)';', (byte)'\n', 0xFF, (byte)'-', (byte)'&'];

        for (var at = 0; at < bytes.Length; at += 5)
        {
            var corrupted = (byte[])bytes.Clone();
            corrupted[at] = replacements[at % replacements.Length];

            AllOrNothing(StatementCorpus.Import(corrupted, Currency.Usd));
        }
    }

    [Fact]
    public void Import_DeeplyNestedOfx_IsRefusedWithoutExhaustingTheStack()
    {
        var nested = "<OFX>" + string.Concat(Enumerable.Repeat("<A>", 100_000)) + string.Concat(Enumerable.Repeat("</A>", 100_000)) + "</OFX>";

        var attempt = StatementCorpus.Import(System.Text.Encoding.ASCII.GetBytes(nested));

        Assert.Contains("nest deeper", Assert.Single(attempt.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ExactlyTheRowLimit_IsAccepted()
    {
        var rows = new System.Text.StringBuilder("Date,Description,Amount,Balance\n");
        for (var i = 0; i < StatementImportOptions.Default.MaxRows; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-{1 + (i % 12):00}-{1 + (i % 28):00},Card payment {i % 97},-{i % 500}.{i % 100:00},1000.00\n");
        }

        var attempt = StatementCorpus.Import(System.Text.Encoding.UTF8.GetBytes(rows.ToString()), Currency.Usd);

        Assert.Empty(attempt.Problems);
        Assert.Equal(StatementImportOptions.Default.MaxRows, attempt.Lines.Count);
        Assert.Equal(attempt.Lines.Count, attempt.Lines.Select(l => l.Fingerprint).Distinct().Count());
    }

    private static void AllOrNothing(ImportAttempt attempt)
    {
        if (attempt.Problems.Count > 0)
        {
            Assert.Empty(attempt.Lines);
            Assert.Null(attempt.Result?.Metadata);
        }
        else
        {
            Assert.True(attempt.Result is { Succeeded: true, Metadata: not null });
        }
    }
}
