using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Audit.Retention;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

[Trait("Tier", "Integration")]
public sealed class AuditRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private CoreHost host = default!;
    private Guid merchant;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        merchant = await host.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Apply_RemovesOnlyWholeExpiredMonths_RecordsIt_AndTheRestStillVerifies()
    {
        var cutoff = AuditRetention.CutoffFor(Now, 12);
        await AppendAtAsync(cutoff.AddMonths(-3), cutoff.AddMonths(-2).AddDays(3), cutoff.AddDays(-1), cutoff.AddMonths(1), Now);

        var runs = await Retention(12).ApplyAsync();

        var run = Assert.Single(runs);
        Assert.Equal((merchant, 1L, 3L, 3L), (run.MerchantId, run.RemovedFromSequence, run.RemovedThroughSequence, run.RemovedCount));
        await using var db = host.Context(merchant);
        var kept = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([4L, 5, 6], kept.Select(e => e.Sequence));
        Assert.Equal(AuditAction.AuditRetentionApplied, kept[^1].Action);
        Assert.Equal(run.AnchorHash, kept[0].PreviousHash);
        Assert.Equal(AuditVerification.Intact(3), await AuditVerifier.VerifyAsync(db, merchant));
        Assert.Empty(await Retention(12).ApplyAsync());
    }

    [Fact]
    public async Task Apply_CheckpointsTakenBeforeRemovalStillAgreeWithTheShortenedChain()
    {
        var cutoff = AuditRetention.CutoffFor(Now, 12);
        await AppendAtAsync(cutoff.AddMonths(-2), cutoff.AddDays(-2));
        await host.Service<AuditCheckpoints>().CreateAsync();
        await AppendAtAsync(Now);

        await Retention(12).ApplyAsync();

        await using var db = host.Context(merchant);
        var consistency = await AuditCheckpoints.VerifyChainAgainstCheckpointsAsync(db, merchant);
        Assert.True(consistency.IsConsistent, consistency.Problem);
        Assert.True((await AuditVerifier.VerifyAsync(db, merchant)).IsIntact);
    }

    [Fact]
    public async Task Apply_KeepsAtLeastTwelveMonthsWhateverIsConfigured()
    {
        await AppendAtAsync(Now.AddMonths(-11), Now.AddMonths(-6), Now);

        Assert.Empty(await Retention(3).ApplyAsync());

        await using var db = host.Context(merchant);
        Assert.Equal(3, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Procedure_RefusesARecentCutoffOrAPartialSegment()
    {
        var cutoff = AuditRetention.CutoffFor(Now, 12);
        await AppendAtAsync(cutoff.AddMonths(-2), cutoff.AddMonths(-2).AddDays(1), Now);

        var lastMonth = new DateTimeOffset(Now.UtcDateTime.Year, Now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var recent = await Assert.ThrowsAsync<PostgresException>(() => CallProcedureAsync(3, lastMonth));
        var partial = await Assert.ThrowsAsync<PostgresException>(() => CallProcedureAsync(1, cutoff));

        Assert.Contains("12 whole months", recent.MessageText, StringComparison.Ordinal);
        Assert.Contains("part of an expired segment", partial.MessageText, StringComparison.Ordinal);
        await using var db = host.Context(merchant);
        Assert.Equal(3, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task DeleteOutsideTheProcedure_IsRejectedForTheOwnerToo()
    {
        await AppendAtAsync(Now.AddYears(-3), Now);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(host.Database.OwnerConnectionString, $"DELETE FROM audit_entries WHERE merchant_id = '{merchant}' AND sequence = 1"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task RetentionRecords_CannotBeChangedByTheAppRole()
    {
        var cutoff = AuditRetention.CutoffFor(Now, 12);
        await AppendAtAsync(cutoff.AddMonths(-1), Now);
        await Retention(12).ApplyAsync();

        foreach (var sql in new[] { "UPDATE audit_retention_runs SET removed_count = 0", "DELETE FROM audit_retention_runs", "INSERT INTO audit_retention_runs (merchant_id, removed_from_sequence, removed_through_sequence, anchor_hash, removed_count, cutoff, removed_at, removed_by, transaction_id) VALUES (gen_random_uuid(), 1, 1, '', 1, now(), now(), 'x', txid_current())" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(host.Database.AppConnectionString, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    private AuditRetention Retention(int months) =>
        new(host.Service<IServiceScopeFactory>(), host.Service<IAuditTrail>(),
            Options.Create(new AuditRetentionOptions { Months = months }), TimeProvider.System, NullLogger<AuditRetention>.Instance);

    private async Task AppendAtAsync(params DateTimeOffset[] times)
    {
        foreach (var at in times)
        {
            var trail = new AuditTrail(new ManualClock(at));
            await using var db = host.Context(merchant);
            await using var tx = await db.Database.BeginTransactionAsync();
            await trail.AppendAsync(db, new AuditRecord(merchant, AuditAction.MemberRoleChanged, AuditOutcome.Success, AuditActor.System("test"),
                "membership", "m-1", $"at {at:O}"));
            await tx.CommitAsync();
        }
    }

    private async Task CallProcedureAsync(long through, DateTimeOffset cutoff)
    {
        await using var connection = new NpgsqlConnection(host.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT audit_apply_retention(@chain, @through, @cutoff, 'test')", connection);
        command.Parameters.AddWithValue("chain", merchant);
        command.Parameters.AddWithValue("through", through);
        command.Parameters.AddWithValue("cutoff", cutoff);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
