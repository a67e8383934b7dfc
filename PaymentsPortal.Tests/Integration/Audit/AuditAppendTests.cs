using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

/// <summary>
/// The append path's own promises: a new chain's head is created once, an append belongs to the caller's
/// transaction, and a wrong guess of the head (another instance appended, or a caller rolled back) costs
/// time but never a gap or a fork.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class AuditAppendTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async Task InitializeAsync() => host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AppendAsync_ConcurrentFirstAppendsToANewChain_CreateOneHeadAndNoGaps()
    {
        var chain = Guid.CreateVersion7();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await AuditTestChains.AppendAsync(host, chain, $"writer {writer} entry {i}");
            }
        })));

        await using var db = host.Context(chain);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(40, (await db.AuditChainHeads.SingleAsync(h => h.MerchantId == chain)).LastSequence);
        Assert.Equal(AuditVerification.Intact(40), await AuditVerifier.VerifyAsync(db, chain));
    }

    [Fact]
    public async Task AppendAsync_RolledBack_LeavesNeitherEntryNorHead()
    {
        var chain = Guid.CreateVersion7();
        await using (var db = host.Context(chain))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await host.Service<IAuditTrail>().AppendAsync(db, AuditTestChains.Record(chain, "undone"));
            await tx.RollbackAsync();
        }

        await AuditTestChains.AppendAsync(host, chain, "kept");

        await using var check = host.Context(chain);
        Assert.Equal("kept", (await check.AuditEntries.SingleAsync()).Reason);
        Assert.Equal(AuditVerification.Intact(1), await AuditVerifier.VerifyAsync(check, chain));
    }

    [Fact]
    public async Task AppendAsync_AfterARolledBackAppend_ContinuesFromTheCommittedHead()
    {
        var chain = Guid.CreateVersion7();
        await AuditTestChains.AppendAsync(host, chain, "one");
        await using (var db = host.Context(chain))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await host.Service<IAuditTrail>().AppendAsync(db, AuditTestChains.Record(chain, "undone"));
            await tx.RollbackAsync();
        }

        await AuditTestChains.AppendAsync(host, chain, "two");

        await using var check = host.Context(chain);
        Assert.Equal(["one", "two"], await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Reason).ToListAsync());
        Assert.Equal(AuditVerification.Intact(2), await AuditVerifier.VerifyAsync(check, chain));
    }

    [Fact]
    public async Task AppendAsync_TwoInstancesOnOneChain_NoGapsNoForks()
    {
        // Two app instances share the database but not their guesses of where each chain's head is.
        var chain = Guid.CreateVersion7();
        IAuditTrail[] instances = [new AuditTrail(TimeProvider.System), new AuditTrail(TimeProvider.System)];
        for (var i = 0; i < 10; i++)
        {
            await AppendWithAsync(instances[i % 2], chain, $"turn {i}");
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await AppendWithAsync(instances[writer % 2], chain, $"writer {writer} entry {i}");
            }
        })));

        await using var db = host.Context(chain);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(AuditVerification.Intact(50), await AuditVerifier.VerifyAsync(db, chain));
    }

    [Fact]
    public async Task AppendAsync_CallerHasPendingChanges_SavesThemInTheSameTransaction()
    {
        var merchantId = await host.MerchantIdAsync(DemoData.DemoCoffee);
        await using (var db = host.Context(merchantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var merchant = await db.Merchants.SingleAsync(m => m.Id == merchantId);
            merchant.Rename("Renamed Coffee Co.");
            await host.Service<IAuditTrail>().AppendAsync(db, AuditTestChains.Record(merchantId, "renamed"));
            await tx.CommitAsync();
        }

        await using var check = host.Context(merchantId);
        Assert.Equal("Renamed Coffee Co.", (await check.Merchants.SingleAsync(m => m.Id == merchantId)).Name);
        Assert.Equal(1, await check.AuditEntries.CountAsync());
    }

    private async Task AppendWithAsync(IAuditTrail trail, Guid chain, string reason)
    {
        await using var db = host.Context(chain);
        await using var tx = await db.Database.BeginTransactionAsync();
        await trail.AppendAsync(db, AuditTestChains.Record(chain, reason));
        await tx.CommitAsync();
    }
}
