using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit.Checkpoints;

/// <summary>
/// A chain rewritten from some entry on, with every later hash recomputed and the head moved along, is
/// internally valid: only the checkpoints, which remember the old heads, can tell.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class CheckpointConsistencyTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        // Checkpoints see the chain's head at 2, 4 and 5.
        await host.AppendManyAsync(coffee, 2);
        await host.Service<AuditCheckpoints>().CreateAsync();
        await host.AppendManyAsync(coffee, 2);
        await host.Service<AuditCheckpoints>().CreateAsync();
        await host.AppendManyAsync(coffee, 1);
        await host.Service<AuditCheckpoints>().CreateAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task VerifyChainAgainstCheckpoints_IntactChain_IsConsistent()
    {
        await using var db = host.Context(coffee);

        var result = await AuditCheckpoints.VerifyChainAgainstCheckpointsAsync(db, coffee);

        Assert.Equal(CheckpointVerification.Consistent(3, 5), result);
    }

    [Theory]
    [InlineData(1L, 2L, null)]
    [InlineData(3L, 4L, 2L)]
    [InlineData(4L, 4L, 2L)]
    [InlineData(5L, 5L, 4L)]
    public async Task VerifyChainAgainstCheckpoints_ChainRewrittenWithRecomputedHashes_NamesTheFirstCheckpointedSequenceThatDiffers(
        long rewriteFrom, long firstMismatch, long? lastConfirmed)
    {
        await RewriteChainAsync(rewriteFrom);

        await using var db = host.Context(coffee);
        Assert.True((await AuditVerifier.VerifyAsync(db, coffee)).IsIntact, "the rewrite should fool the hash chain alone");
        var result = await AuditCheckpoints.VerifyChainAgainstCheckpointsAsync(db, coffee);

        Assert.False(result.IsConsistent);
        Assert.Equal(firstMismatch, result.FirstMismatchSequence);
        Assert.Equal(lastConfirmed, result.LastConfirmedSequence);
        Assert.Contains("rewritten", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyChainAgainstCheckpoints_LeavesRewrittenAlongWithTheChain_FailTheSignedRoot()
    {
        await RewriteChainAsync(3);
        // The forger also moves every recorded head of the chain to the new hashes; only the signature can tell.
        await AuditTestData.ExecuteAsync(host.Database.OwnerConnectionString, """
            ALTER TABLE audit_checkpoint_leaves DISABLE TRIGGER USER;
            UPDATE audit_checkpoint_leaves l SET head_hash = e.hash FROM audit_entries e
                WHERE e.merchant_id = l.chain_id AND e.sequence = l.sequence AND l.chain_id = @chain;
            ALTER TABLE audit_checkpoint_leaves ENABLE TRIGGER USER;
            """, new NpgsqlParameter("chain", coffee));

        await using var db = host.Context(coffee);
        var result = await AuditCheckpoints.VerifyChainAgainstCheckpointsAsync(db, coffee);

        Assert.False(result.IsConsistent);
        Assert.Equal(4, result.FirstMismatchSequence);
        Assert.Contains("no longer produce its signed root", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyChainAgainstCheckpoints_TailCut_NamesTheMissingSequence()
    {
        await AuditTestData.ExecuteAsync(host.Database.OwnerConnectionString, """
            ALTER TABLE audit_entries DISABLE TRIGGER USER;
            DELETE FROM audit_entries WHERE merchant_id = @chain AND sequence >= 4;
            UPDATE audit_chain_heads SET last_sequence = 3, last_hash = (SELECT hash FROM audit_entries WHERE merchant_id = @chain AND sequence = 3)
                WHERE merchant_id = @chain;
            ALTER TABLE audit_entries ENABLE TRIGGER USER;
            """, new NpgsqlParameter("chain", coffee));

        await using var db = host.Context(coffee);
        var result = await AuditCheckpoints.VerifyChainAgainstCheckpointsAsync(db, coffee);

        Assert.Equal(4, result.FirstMismatchSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// What an owner with the trigger disabled can do: edit entry <paramref name="from"/>, recompute every hash
    /// from there with the real hasher, and move the head, leaving a chain that verifies on its own.
    /// </summary>
    private async Task RewriteChainAsync(long from)
    {
        List<AuditEntry> entries;
        await using (var owner = CoreHost.CreateContext(host.Database.OwnerConnectionString, new FixedTenantScope(coffee)))
        {
            entries = await owner.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        }

        await using var connection = new NpgsqlConnection(host.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Run("ALTER TABLE audit_entries DISABLE TRIGGER USER");
        var previous = from == 1 ? [] : entries[(int)from - 2].Hash;
        foreach (var original in entries.Where(e => e.Sequence >= from))
        {
            var forged = Copy(original, original.Sequence == from ? "forged" : original.Reason, previous);
            forged.Hash = AuditHasher.Compute(forged, previous);
            await Run("UPDATE audit_entries SET reason = @reason, previous_hash = @previous, hash = @hash WHERE merchant_id = @chain AND sequence = @sequence",
                new NpgsqlParameter("reason", (object?)forged.Reason ?? DBNull.Value), new NpgsqlParameter("previous", previous),
                new NpgsqlParameter("hash", forged.Hash), new NpgsqlParameter("chain", coffee), new NpgsqlParameter("sequence", forged.Sequence));
            previous = forged.Hash;
        }

        await Run("UPDATE audit_chain_heads SET last_hash = @hash WHERE merchant_id = @chain",
            new NpgsqlParameter("hash", NpgsqlDbType.Bytea) { Value = previous }, new NpgsqlParameter("chain", coffee));
        await Run("ALTER TABLE audit_entries ENABLE TRIGGER USER");
        await tx.CommitAsync();

        async Task Run(string sql, params NpgsqlParameter[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static AuditEntry Copy(AuditEntry e, string? reason, byte[] previousHash) => new()
    {
        MerchantId = e.MerchantId, Sequence = e.Sequence, Id = e.Id, OccurredAt = e.OccurredAt, ActorType = e.ActorType,
        ActorId = e.ActorId, ActorName = e.ActorName, Action = e.Action, TargetType = e.TargetType, TargetId = e.TargetId,
        Outcome = e.Outcome, IpAddress = e.IpAddress, UserAgent = e.UserAgent, Reason = reason, Details = e.Details,
        PreviousHash = previousHash,
    };
}
