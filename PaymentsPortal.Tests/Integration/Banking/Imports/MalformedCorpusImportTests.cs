using PaymentsPortal.Core.Audit;
using PaymentsPortal.Tests.Unit.Banking.Statements;

namespace PaymentsPortal.Tests.Integration.Banking.Imports;

/// <summary>
/// Every file of the malformed corpus through preview and import, as the dialog would send it: no exception, nothing stored, a
/// headline and at least one problem sentence, and one refusal in the audit trail. One database for the sweep keeps it quick.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class MalformedCorpusImportTests : IAsyncLifetime
{
    private StatementImportTestBed bed = default!;

    public async Task InitializeAsync() => bed = await StatementImportTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Import_EveryMalformedFile_IsRefusedClearly_AndStoresNothing()
    {
        var account = await bed.AccountAsync();
        var files = StatementCorpus.FilesIn("Malformed").ToList();
        Assert.NotEmpty(files);

        var failures = new List<string>();
        foreach (var name in files)
        {
            var result = await bed.ImportCorpusAsync(account, Path.Combine("Malformed", name));
            if (result.Succeeded || string.IsNullOrWhiteSpace(result.Error) || result.Problems.Count == 0
                || result.Problems.Any(p => string.IsNullOrWhiteSpace(p.Message)))
            {
                failures.Add($"{name}: {result.Summary}");
            }
        }

        Assert.Empty(failures);
        Assert.Empty(await bed.TransactionsAsync(account.Id));
        Assert.Empty(await bed.ImportsAsync(account.Id));
        Assert.Equal(files.Count, (await bed.AuditAsync(AuditAction.StatementRejected)).Count);
        Assert.Empty(await bed.AuditAsync(AuditAction.StatementImported));
    }
}
