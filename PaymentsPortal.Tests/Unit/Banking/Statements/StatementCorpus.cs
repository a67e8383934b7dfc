using System.Runtime.CompilerServices;
using PaymentsPortal.Core.Banking.Statements;
using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Tests.Unit.Banking.Statements;

/// <summary>The sample statements under Corpus/, and the load → preview → parse path a person would take through them.</summary>
internal static class StatementCorpus
{
    /// <summary>
    /// Corpus/ next to the build output when the project copies it there, else next to this source file: the test
    /// project's file is not this feature's to change, and the source tree is where the tests run from anyway.
    /// </summary>
    public static string Folder { get; } = Locate();

    public static string PathOf(string relative) => Path.Combine(Folder, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static IEnumerable<string> FilesIn(string subfolder) =>
        Directory.EnumerateFiles(PathOf(subfolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static StatementFile Load(string relative, StatementImportOptions? options = null) => Load(Bytes(relative), options);

    public static StatementFile Load(byte[] bytes, StatementImportOptions? options = null)
    {
        var load = StatementFile.Load(bytes, options);
        Assert.True(load.Succeeded, string.Join(Environment.NewLine, load.Problems));
        return load.File;
    }

    /// <summary>
    /// Imports as the import page would: load; OFX parsed directly; CSV previewed and parsed with the proposal.
    /// Problems come from whichever step stopped.
    /// </summary>
    public static ImportAttempt Import(byte[] bytes, Currency? accountCurrency = null, StatementImportOptions? options = null)
    {
        var load = StatementFile.Load(bytes, options);
        if (!load.Succeeded)
        {
            return new ImportAttempt(load.Problems, [], null);
        }

        CsvColumnMapping? mapping = null;
        if (load.File.Format == StatementFormat.Csv)
        {
            var preview = CsvStatementPreview.Create(load.File, options, accountCurrency);
            if (!preview.Succeeded)
            {
                return new ImportAttempt(preview.Problems, [], null);
            }

            mapping = preview.Mapping;
        }

        var result = StatementParser.Parse(load.File, mapping, options);
        return new ImportAttempt(result.Problems, result.Lines, result);
    }

    public static StatementParseResult Parse(string relative, Currency? accountCurrency = null)
    {
        var attempt = Import(Bytes(relative), accountCurrency);
        Assert.True(attempt.Result is { Succeeded: true }, string.Join(Environment.NewLine, attempt.Problems));
        return attempt.Result!;
    }

    private static string Locate([CallerFilePath] string source = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Unit", "Banking", "Statements", "Corpus");
        if (Directory.Exists(copied))
        {
            return copied;
        }

        var besideSource = Path.Combine(Path.GetDirectoryName(source) ?? "", "Corpus");
        if (Directory.Exists(besideSource))
        {
            return besideSource;
        }

        // A build that maps source paths away: walk up from the output folder to the repository.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "PaymentsPortal.Tests", "Unit", "Banking", "Statements", "Corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The statement corpus (PaymentsPortal.Tests/Unit/Banking/Statements/Corpus) was not found.");
    }
}

/// <summary>What one import attempt ended with.</summary>
internal sealed record ImportAttempt(IReadOnlyList<StatementProblem> Problems, IReadOnlyList<StatementLine> Lines, StatementParseResult? Result);
