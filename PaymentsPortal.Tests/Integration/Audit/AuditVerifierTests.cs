using System.Collections.Concurrent;
using PaymentsPortal.Benchmarks;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

[Trait("Tier", "Integration")]
public sealed class AuditVerifierTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync(seedDemoData: false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_LongChain_ReportsProgressEvery50000EntriesAndAtTheEnd()
    {
        var chain = Guid.CreateVersion7();
        await ChainFixture.LoadAsync(host.Database.OwnerConnectionString, chain, 120_000, CancellationToken.None);

        foreach (var parallelism in new[] { 1, 2 })
        {
            var progress = new RecordingProgress();
            await using var db = host.Context(null);
            var result = await AuditVerifier.VerifyAsync(db, chain, progress, parallelism, CancellationToken.None, minEntriesPerRange: 1000);

            Assert.Equal(AuditVerification.Intact(120_000), result);
            Assert.Equal([50_000L, 100_000, 120_000], progress.Reports);
        }
    }

    [Fact]
    public async Task VerifyAsync_WhileAppendsCommit_SeesOneConsistentSnapshot()
    {
        var chain = Guid.CreateVersion7();
        await ChainFixture.LoadAsync(host.Database.OwnerConnectionString, chain, 20_000, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var appending = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await AuditTestChains.AppendAsync(host, chain, "during verification");
            }
        });

        var results = new List<AuditVerification>();
        for (var run = 0; run < 5; run++)
        {
            await using var db = host.Context(null);
            results.Add(await AuditVerifier.VerifyAsync(db, chain, progress: null, parallelism: 2, CancellationToken.None, minEntriesPerRange: 1000));
        }

        await stop.CancelAsync();
        await appending;
        // Without one snapshot, an append committed between reading the entries and the head looks like a cut tail.
        Assert.All(results, r => Assert.True(r.IsIntact, r.Problem));
        Assert.All(results, r => Assert.True(r.VerifiedEntries >= 20_000));
    }

    [Fact]
    public async Task VerifyAsync_InsideTheCallersTransaction_SeesItsUncommittedAppend()
    {
        var chain = Guid.CreateVersion7();
        await AuditTestChains.AppendAsync(host, chain, "committed");

        await using var db = host.Context(chain);
        await using var tx = await db.Database.BeginTransactionAsync();
        await host.Service<IAuditTrail>().AppendAsync(db, AuditTestChains.Record(chain, "not yet committed"));

        Assert.Equal(AuditVerification.Intact(2), await AuditVerifier.VerifyAsync(db, chain));
    }

    [Fact]
    public async Task VerifyAsync_Cancelled_Throws()
    {
        var chain = Guid.CreateVersion7();
        await AuditTestChains.AppendAsync(host, chain, "one");
        await using var db = host.Context(null);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AuditVerifier.VerifyAsync(db, chain, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task VerifyAsync_TextOutsideAscii_IsHashedAsStored()
    {
        // Emoji take two UTF-16 code units but four UTF-8 bytes: the length prefix counts the former.
        var chain = Guid.CreateVersion7();
        await using (var db = host.Context(chain))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await host.Service<IAuditTrail>().AppendAsync(db, new AuditRecord(chain, AuditAction.MemberAdded, AuditOutcome.Success,
                new AuditActor(AuditActorType.User, "u-1", "Zoë Ångström 山田 🚀"), "membership", "ünï", "role → Admin 🎉",
                new { note = "naïve café", emoji = "🚀" }, new AuditOrigin("2001:db8::1", "Mozilla/5.0 (X11) «test» ✓")));
            await tx.CommitAsync();
        }

        await using var verify = host.Context(null);
        Assert.Equal(AuditVerification.Intact(1), await AuditVerifier.VerifyAsync(verify, chain));
    }

    [Fact]
    public async Task VerifyAsync_EmptyChain_IsIntactWithNoEntries()
    {
        await using var db = host.Context(null);

        Assert.Equal(AuditVerification.Intact(0), await AuditVerifier.VerifyAsync(db, Guid.CreateVersion7()));
    }

    private sealed class RecordingProgress : IProgress<long>
    {
        private readonly ConcurrentQueue<long> reports = new();

        public IReadOnlyList<long> Reports => [.. reports];

        public void Report(long value) => reports.Enqueue(value);
    }
}
