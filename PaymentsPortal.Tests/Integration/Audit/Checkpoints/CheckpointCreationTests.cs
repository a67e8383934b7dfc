using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit.Checkpoints;

[Trait("Tier", "Integration")]
public sealed class CheckpointCreationTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider logs = new();
    private CoreHost host = default!;
    private Guid coffee;
    private Guid northwind;

    private AuditCheckpoints Checkpoints => host.Service<AuditCheckpoints>();

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync(configure: s => s.AddSingleton<ILoggerProvider>(logs));
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        northwind = await host.MerchantIdAsync(DemoData.Northwind);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task CreateAsync_SeveralChains_RecordsEveryHeadUnderASignedRoot()
    {
        await host.AppendManyAsync(coffee, 2);
        await host.AppendManyAsync(northwind, 1);
        await host.AppendManyAsync(null, 3);

        var created = await Checkpoints.CreateAsync();

        Assert.Equal(CheckpointOutcome.Created, created.Outcome);
        await using var db = host.Context(null);
        var heads = await db.AuditChainHeads.AsNoTracking().ToListAsync();
        var checkpoint = await db.AuditCheckpoints.AsNoTracking().SingleAsync();
        var leaves = await db.AuditCheckpointLeaves.AsNoTracking().ToListAsync();
        Assert.Equal(3, checkpoint.LeafCount);
        Assert.Equal(
            heads.Select(h => (h.MerchantId, h.LastSequence, Convert.ToHexString(h.LastHash))).Order(),
            leaves.Select(l => (l.ChainId, l.Sequence, Convert.ToHexString(l.HeadHash))).Order());
        Assert.Equal([2L, 1, 3], new[] { coffee, northwind, AuditEntry.PlatformChain }.Select(c => leaves.Single(l => l.ChainId == c).Sequence));

        var sorted = leaves.OrderBy(l => l.ChainId.ToString(), StringComparer.Ordinal).ToList();
        var root = MerkleTree.Root(sorted.Select(l => CheckpointLeaves.Hash(l.ChainId, l.Sequence, l.HeadHash)).ToList());
        Assert.Equal(root, checkpoint.Root);
        Assert.Equal(new CheckpointStatement(checkpoint.Id, checkpoint.CreatedAt, Convert.ToHexStringLower(root), 3, checkpoint.KeyId),
            CheckpointStatement.TryParse(checkpoint.Statement));
        var key = await Checkpoints.ActivePublicKeyAsync();
        Assert.Equal(key.KeyId, checkpoint.KeyId);
        Assert.True(CheckpointSignatures.Verify(key.PublicKeyPem, Encoding.UTF8.GetBytes(checkpoint.Statement), checkpoint.Signature));
        Assert.Equal(new CheckpointSummary(checkpoint.Id, checkpoint.CreatedAt, 3, Convert.ToHexStringLower(root), key.KeyId), created.Checkpoint);
    }

    [Fact]
    public async Task CreateAsync_NothingChangedSinceLast_SkipsUntilAChainMoves()
    {
        await host.AppendManyAsync(coffee, 1);
        Assert.Equal(CheckpointOutcome.Created, (await Checkpoints.CreateAsync()).Outcome);

        Assert.Equal(CheckpointOutcome.Unchanged, (await Checkpoints.CreateAsync()).Outcome);
        await host.AppendManyAsync(northwind, 1);
        Assert.Equal(CheckpointOutcome.Created, (await Checkpoints.CreateAsync()).Outcome);
        Assert.Equal(CheckpointOutcome.Unchanged, (await Checkpoints.CreateAsync()).Outcome);

        var list = await Checkpoints.ListAsync();
        Assert.Equal([2, 1], list.Select(c => c.LeafCount));
        Assert.True(list[0].CreatedAt >= list[1].CreatedAt);
    }

    [Fact]
    public async Task CreateAsync_EmptyTrail_CreatesNothingAndNoKey()
    {
        Assert.Equal(CheckpointOutcome.NoChains, (await Checkpoints.CreateAsync()).Outcome);

        await using var db = host.Context(null);
        Assert.Equal(0, await db.AuditSigningKeys.CountAsync());
    }

    [Fact]
    public async Task CreateIfDueAsync_LastCheckpointYoungerThanTheInterval_IsNotDue()
    {
        await host.AppendManyAsync(coffee, 1);
        await Checkpoints.CreateAsync();
        await host.AppendManyAsync(coffee, 1);

        Assert.Equal(CheckpointOutcome.NotDue, (await Checkpoints.CreateIfDueAsync(TimeSpan.FromHours(1))).Outcome);
        Assert.Equal(CheckpointOutcome.Created, (await Checkpoints.CreateIfDueAsync(TimeSpan.Zero)).Outcome);
    }

    [Fact]
    public async Task CreateIfDueAsync_AnotherInstanceHoldsTheLock_SkipsAsBusy()
    {
        await host.AppendManyAsync(coffee, 1);
        await using var other = new NpgsqlConnection(host.Database.AppConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CheckpointWriter.CheckpointLock})", other, tx))
        {
            await take.ExecuteNonQueryAsync();
        }

        Assert.Equal(CheckpointOutcome.Busy, (await Checkpoints.CreateIfDueAsync(TimeSpan.FromHours(1))).Outcome);

        await tx.RollbackAsync();
        Assert.Equal(CheckpointOutcome.Created, (await Checkpoints.CreateIfDueAsync(TimeSpan.FromHours(1))).Outcome);
    }

    [Fact]
    public async Task CreateIfDueAsync_SeveralInstancesAtOnce_TakeOneCheckpoint()
    {
        await host.AppendManyAsync(coffee, 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Checkpoints.CreateIfDueAsync(TimeSpan.FromHours(1))));

        Assert.Single(outcomes, o => o.Outcome == CheckpointOutcome.Created);
        Assert.All(outcomes.Where(o => o.Outcome != CheckpointOutcome.Created),
            o => Assert.Contains(o.Outcome, new[] { CheckpointOutcome.Busy, CheckpointOutcome.NotDue }));
        await using var db = host.Context(null);
        Assert.Equal(1, await db.AuditCheckpoints.CountAsync());
        Assert.Equal(1, await db.AuditSigningKeys.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_Created_LogsIdRootAndSignatureAtInformation()
    {
        await host.AppendManyAsync(coffee, 1);

        var created = (await Checkpoints.CreateAsync()).Checkpoint!;

        await using var db = host.Context(null);
        var signature = Convert.ToBase64String((await db.AuditCheckpoints.SingleAsync()).Signature);
        var entry = Assert.Single(logs.Entries, e => e.Message.Contains(created.Id.ToString(), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains(created.RootHex, entry.Message, StringComparison.Ordinal);
        Assert.Contains(signature, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }
}
