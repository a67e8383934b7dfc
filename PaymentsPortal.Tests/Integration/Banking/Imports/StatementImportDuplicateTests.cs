using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Banking.Imports;
using PaymentsPortal.Tests.Unit.Banking.Statements;

namespace PaymentsPortal.Tests.Integration.Banking.Imports;

/// <summary>
/// Re-imports and overlapping exports add each transaction once: the same file again adds nothing and says so, an overlapping
/// export adds only its new days, and two imports racing on two app instances store every line once.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class StatementImportDuplicateTests : IAsyncLifetime
{
    private const string Early = "Overlap/jan-01-10.csv";
    private const string Late = "Overlap/jan-05-20-newest-first.csv";

    private StatementImportTestBed bed = default!;

    public async Task InitializeAsync() => bed = await StatementImportTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Import_TheSameFileTwice_AddsNothingTheSecondTime_AndSaysWhenItWasImported()
    {
        var account = await bed.AccountAsync();
        var first = await bed.ImportCorpusAsync(account, "Good/checking-ofx102.ofx");
        bed.Clock.Advance(TimeSpan.FromHours(3));

        var preview = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "again.ofx", new MemoryStream(StatementCorpus.Bytes("Good/checking-ofx102.ofx")));
        var second = await bed.ImportCorpusAsync(account, "Good/checking-ofx102.ofx");

        Assert.Equal(bed.Clock.Now.AddHours(-3), preview.AlreadyImportedAt);
        Assert.True(second.Succeeded, second.Summary);
        Assert.Equal((5, 0, 5), (second.LineCount, second.AddedCount, second.DuplicateCount));
        Assert.Equal("This file was already imported on 2026-02-10 12:00 UTC: nothing new.", second.Summary);
        Assert.Equal(5, (await bed.TransactionsAsync(account.Id)).Count);
        Assert.Equal([first.ImportId, second.ImportId], (await bed.ImportsAsync(account.Id)).Select(i => (Guid?)i.Id));
        Assert.Equal(2, (await bed.AuditAsync(AuditAction.StatementImported)).Count);
    }

    [Fact]
    public async Task Import_TheSameCsvUnderAnotherMapping_StillAddsNothing()
    {
        var account = await bed.AccountAsync();
        await bed.ImportCorpusAsync(account, Early);

        // Adding the balance to the description would give every line a new fingerprint: the file's digest stops that.
        var again = await bed.ImportAsync(account, "jan-01-10.csv", StatementCorpus.Bytes(Early), edit: m => m with { DescriptionColumns = [1, 3], BalanceColumn = null });

        Assert.Equal((0, 7), (again.AddedCount, again.DuplicateCount));
        Assert.Equal(7, (await bed.TransactionsAsync(account.Id)).Count);
    }

    [Fact]
    public async Task Import_AnOverlappingExport_AddsOnlyTheNewLines()
    {
        var account = await bed.AccountAsync();
        var early = await bed.ImportCorpusAsync(account, Early);

        var late = await bed.ImportCorpusAsync(account, Late);

        Assert.Equal((7, 0), (early.AddedCount, early.DuplicateCount));
        Assert.True(late.Succeeded, late.Summary);
        Assert.Equal((8, 3, 5), (late.LineCount, late.AddedCount, late.DuplicateCount));
        Assert.Equal("Added 3 of 8 transactions (2026-01-05 to 2026-01-20); 5 were already here.", late.Summary);
        var stored = await bed.TransactionsAsync(account.Id);
        Assert.Equal(10, stored.Count);
        Assert.Equal(2, stored.Count(t => t.Date == new DateOnly(2026, 1, 7) && t.AmountMinor == -500));
        Assert.Equal(
            [new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 20)],
            stored.Where(t => t.ImportId == late.ImportId).Select(t => t.Date).Order());
    }

    [Fact]
    public async Task Import_TheSameFileOnTwoInstancesAtOnce_StoresEveryLineOnce()
    {
        var account = await bed.AccountAsync();
        await using var other = bed.Host.AnotherInstance();
        var bytes = StatementCorpus.Bytes("Good/checking-ofx102.ofx");
        Task<StatementImportResult[]> both;
        await using (var turn = await bed.HoldImportTurnAsync(account.Id))
        {
            both = Task.WhenAll(
                bed.Importer.ImportAsync(bed.Admin, account.Id, "a.ofx", new MemoryStream(bytes), null),
                other.Service<StatementImporter>().ImportAsync(bed.Admin, account.Id, "a.ofx", new MemoryStream(bytes), null));
            await bed.WaitForImportsWaitingAsync(2);
        }

        var results = await both;

        Assert.All(results, r => Assert.True(r.Succeeded, r.Summary));
        Assert.Equal([0, 5], results.Select(r => r.AddedCount).Order());
        Assert.Equal(5, (await bed.TransactionsAsync(account.Id)).Count);
        Assert.Equal(2, (await bed.ImportsAsync(account.Id)).Count);
    }

    [Fact]
    public async Task Import_TwoOverlappingExportsAtOnce_StoreTheirUnionOnce()
    {
        var account = await bed.AccountAsync();
        await using var other = bed.Host.AnotherInstance();
        var early = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "early.csv", new MemoryStream(StatementCorpus.Bytes(Early)));
        var late = await bed.Importer.PreviewAsync(bed.Admin, account.Id, "late.csv", new MemoryStream(StatementCorpus.Bytes(Late)));
        Task<StatementImportResult[]> both;
        await using (var turn = await bed.HoldImportTurnAsync(account.Id))
        {
            both = Task.WhenAll(
                bed.Importer.ImportAsync(bed.Admin, account.Id, "early.csv", new MemoryStream(StatementCorpus.Bytes(Early)), early.Csv!.Mapping),
                other.Service<StatementImporter>().ImportAsync(bed.Admin, account.Id, "late.csv", new MemoryStream(StatementCorpus.Bytes(Late)), late.Csv!.Mapping));
            await bed.WaitForImportsWaitingAsync(2);
        }

        var results = await both;

        Assert.All(results, r => Assert.True(r.Succeeded, r.Summary));
        Assert.Equal(10, results.Sum(r => r.AddedCount));
        Assert.Equal(5, results.Sum(r => r.DuplicateCount));
        Assert.Equal(10, (await bed.TransactionsAsync(account.Id)).Count);
    }

    [Fact]
    public async Task Import_SixAtOnceOnTwoInstances_StoreEveryLineOnce()
    {
        var account = await bed.AccountAsync();
        await using var other = bed.Host.AnotherInstance();
        var bytes = StatementCorpus.Bytes("Good/checking-ofx102.ofx");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? bed.Importer : other.Service<StatementImporter>())
            .ImportAsync(bed.Admin, account.Id, "a.ofx", new MemoryStream(bytes), null)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Summary));
        Assert.Equal(5, results.Sum(r => r.AddedCount));
        Assert.Equal(5, (await bed.TransactionsAsync(account.Id)).Count);
    }

    [Fact]
    public async Task Import_TheSameFileIntoTwoAccounts_StoresItInEach()
    {
        var first = await bed.AccountAsync();
        var second = await bed.AccountAsync();

        await bed.ImportCorpusAsync(first, Early);
        var other = await bed.ImportCorpusAsync(second, Early);

        Assert.Equal((7, null), (other.AddedCount, other.AlreadyImportedAt));
        Assert.Equal(7, (await bed.TransactionsAsync(second.Id)).Count);
    }
}
