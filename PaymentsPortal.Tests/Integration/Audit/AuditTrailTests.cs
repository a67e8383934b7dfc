using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Audit;

[Trait("Tier", "Integration")]
public sealed class AuditTrailTests : IAsyncLifetime
{
    private CoreHost host = default!;
    private Guid merchant;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        merchant = await host.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AppendAsync_Sequential_BuildsAnIntactGapFreeChain()
    {
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(merchant, $"reason {i}");
        }

        await using var db = host.Context(merchant);
        Assert.Equal([1L, 2, 3, 4, 5], await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(AuditVerification.Intact(5), await AuditVerifier.VerifyAsync(db, merchant));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWriters_NoForksNoGaps()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            for (var i = 0; i < 10; i++)
            {
                await AppendAsync(merchant, $"writer {writer} entry {i}");
            }
        }));

        await using var db = host.Context(merchant);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(db, merchant)).IsIntact);
    }

    [Fact]
    public async Task AppendAsync_ChainsAreIndependentPerMerchantAndPlatform()
    {
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);
        await AppendAsync(merchant, "a");
        await AppendAsync(northwind, "b");
        await AppendAsync(null, "platform");

        await using var db = host.Context(merchant);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
        Assert.Equal(1, (await AuditVerifier.VerifyAsync(db, northwind)).VerifiedEntries);
        Assert.Equal(1, (await AuditVerifier.VerifyAsync(db, AuditEntry.PlatformChain)).VerifiedEntries);
    }

    [Fact]
    public async Task AppendAsync_WithoutTransaction_IsRefused()
    {
        await using var db = host.Context(merchant);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Service<IAuditTrail>().AppendAsync(db, Record(merchant, "x")));
    }

    [Fact]
    public async Task AppendAsync_DetailsWithCardAndSecret_AreStoredRedacted()
    {
        await AppendAsync(merchant, "card 4242424242424242", new { note = "pan 4000 0566 5566 5556", password = "Hunter2-Hunter2" });

        await using var db = host.Context(merchant);
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal("card ****4242", entry.Reason);
        Assert.Contains("****5556", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET reason = 'edited'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    public async Task AppRoleAndOwner_ChangeEntries_AreRejected(string sql)
    {
        await AppendAsync(merchant, "kept");

        foreach (var connection in new[] { host.Database.AppConnectionString, host.Database.OwnerConnectionString })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        await using var db = host.Context(merchant);
        Assert.Equal("kept", (await db.AuditEntries.SingleAsync()).Reason);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET reason = 'edited' WHERE sequence = 3", 3L)]
    [InlineData("DELETE FROM audit_entries WHERE sequence = 2", 2L)]
    [InlineData("UPDATE audit_entries SET sequence = sequence + 100 WHERE sequence = 4; UPDATE audit_entries SET sequence = 4 WHERE sequence = 5; UPDATE audit_entries SET sequence = 5 WHERE sequence = 104", 4L)]
    [InlineData("DELETE FROM audit_entries WHERE sequence = 5", 5L)]
    [InlineData("UPDATE audit_entries SET occurred_at = occurred_at + interval '1 second' WHERE sequence = 1", 1L)]
    public async Task VerifyAsync_TamperedBySuperuser_NamesTheFirstBadSequence(string tamper, long firstBad)
    {
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(merchant, $"entry {i}");
        }

        // Only a superuser who disables the trigger can do this; verification must still notice.
        var superuser = TestPostgres.ConnectionFor(host.Database.Name, "postgres");
        await ExecuteAsync(superuser, $"ALTER TABLE audit_entries DISABLE TRIGGER USER; {tamper}; ALTER TABLE audit_entries ENABLE TRIGGER USER");

        await using var db = host.Context(merchant);
        var result = await AuditVerifier.VerifyAsync(db, merchant);
        Assert.False(result.IsIntact);
        Assert.Equal(firstBad, result.FirstBadSequence);
    }

    private async Task AppendAsync(Guid? merchantId, string reason, object? details = null)
    {
        await using var db = host.Context(merchantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await host.Service<IAuditTrail>().AppendAsync(db, Record(merchantId, reason, details));
        await tx.CommitAsync();
    }

    private static AuditRecord Record(Guid? merchantId, string reason, object? details = null) =>
        new(merchantId, AuditAction.MemberRoleChanged, AuditOutcome.Success, AuditActor.System("test"),
            "membership", "m-1", reason, details, new AuditOrigin("127.0.0.1", "xunit"));

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
