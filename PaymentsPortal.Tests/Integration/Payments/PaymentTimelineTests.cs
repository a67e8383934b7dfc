using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Gateways;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments;

/// <summary>A payment, its timeline and its audit entries are written together or not at all.</summary>
[Trait("Tier", "Integration")]
public sealed class PaymentTimelineTests : IAsyncLifetime
{
    private static readonly AuditActor Router = AuditActor.System("router");

    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
    }

    public async Task DisposeAsync()
    {
        await host.Services.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(host.Database.Name);
    }

    [Fact]
    public async Task CreateAndMove_StoresEveryStepWithItsAuditEntry()
    {
        var id = await CreateAsync(new Money(1250, Currency.Bhd));
        await MoveAsync(id, PaymentStatus.Processing, "trying stripe");
        await MoveAsync(id, PaymentStatus.Succeeded, "captured by stripe");

        await using var db = host.Context(coffee);
        var payment = await db.Payments.SingleAsync(p => p.Id == id);
        var events = await db.PaymentEvents.Where(e => e.PaymentId == id).OrderBy(e => e.Sequence).ToListAsync();
        var audit = await db.AuditEntries.Where(e => e.TargetId == id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();

        Assert.Equal((PaymentStatus.Succeeded, 3, 1250L, "BHD"), (payment.Status, payment.Version, payment.AmountMinor, payment.CurrencyCode));
        Assert.Equal([PaymentStatus.Created, PaymentStatus.Processing, PaymentStatus.Succeeded], events.Select(e => e.ToStatus));
        Assert.Equal([1, 2, 3], events.Select(e => e.Sequence));
        Assert.Equal([AuditAction.PaymentCreated, AuditAction.PaymentProcessing, AuditAction.PaymentSucceeded], audit);
    }

    [Fact]
    public async Task Move_Forbidden_IsRejectedAndLeavesNoTrace()
    {
        var id = await CreateAsync(new Money(1000, Currency.Usd));

        await Assert.ThrowsAsync<InvalidPaymentTransitionException>(() => MoveAsync(id, PaymentStatus.Refunded, "no"));

        await using var db = host.Context(coffee);
        Assert.Equal(PaymentStatus.Created, (await db.Payments.SingleAsync(p => p.Id == id)).Status);
        Assert.Equal(1, await db.PaymentEvents.CountAsync(e => e.PaymentId == id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.TargetId == id.ToString()));
    }

    [Fact]
    public async Task Move_RolledBack_LeavesNeitherEventNorAuditEntry()
    {
        var id = await CreateAsync(new Money(1000, Currency.Usd));

        await using (var db = host.Context(coffee))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var payment = await db.Payments.SingleAsync(p => p.Id == id);
            await host.Service<PaymentTimeline>().MoveAsync(db, payment, PaymentStatus.Processing, Router, null, null, null, default);
            await tx.RollbackAsync();
        }

        await using var check = host.Context(coffee);
        Assert.Equal(1, await check.PaymentEvents.CountAsync(e => e.PaymentId == id));
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.TargetId == id.ToString()));
    }

    [Fact]
    public async Task Move_ConcurrentWriterMovedItFirst_FailsOnTheVersion()
    {
        var id = await CreateAsync(new Money(1000, Currency.Usd));
        await using var stale = host.Context(coffee);
        var staleCopy = await stale.Payments.SingleAsync(p => p.Id == id);

        await MoveAsync(id, PaymentStatus.Processing, "first writer");

        await using var tx = await stale.Database.BeginTransactionAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            host.Service<PaymentTimeline>().MoveAsync(stale, staleCopy, PaymentStatus.Canceled, Router, "second writer", null, null, default));
    }

    [Fact]
    public async Task Payments_OfAnotherMerchant_AreInvisible()
    {
        var id = await CreateAsync(new Money(1000, Currency.Usd));
        var northwind = await host.MerchantIdAsync(DemoData.Northwind);

        await using var db = host.Context(northwind);

        Assert.False(await db.Payments.AnyAsync(p => p.Id == id));
        Assert.False(await db.PaymentEvents.AnyAsync(e => e.PaymentId == id));
    }

    [Theory]
    [InlineData("payments")]
    [InlineData("payment_events")]
    [InlineData("payment_attempts")]
    public async Task Tables_AreHashPartitionedByMerchantInto16(string table)
    {
        await using var connection = await OpenAsync(host.Database.OwnerConnectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT pg_get_partkeydef(c.oid), (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid)
            FROM pg_class c WHERE c.relname = $1
            """, connection)
        {
            Parameters = { new() { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(("HASH (merchant_id)", 16L), (reader.GetString(0), reader.GetInt64(1)));
    }

    [Theory]
    [InlineData("DELETE FROM payments")]
    [InlineData("DELETE FROM payments_p03")]
    [InlineData("TRUNCATE payments")]
    [InlineData("UPDATE payment_events SET reason = 'rewritten'")]
    [InlineData("UPDATE payment_events_p07 SET reason = 'rewritten'")]
    [InlineData("DELETE FROM payment_events")]
    [InlineData("DELETE FROM payment_attempts")]
    public async Task AppRole_DeletingPaymentsOrRewritingTheTimeline_IsRefused(string sql)
    {
        await CreateAsync(new Money(1000, Currency.Usd));
        await using var connection = await OpenAsync(host.Database.AppConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));

        Assert.Equal("42501", error.SqlState);
    }

    [Theory]
    [InlineData("UPDATE payment_events SET reason = 'rewritten'")]
    [InlineData("DELETE FROM payment_events")]
    [InlineData("TRUNCATE payment_events")]
    [InlineData("TRUNCATE payment_events_p00 CASCADE")]
    public async Task Owner_RewritingTheTimeline_IsStoppedByTheTrigger(string sql)
    {
        await CreateAsync(new Money(1000, Currency.Usd));
        await using var connection = await OpenAsync(host.Database.OwnerConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amounts_OutsideWhatWasCaptured_AreRefusedByTheDatabase()
    {
        var id = await CreateAsync(new Money(1000, Currency.Usd));
        await using var db = host.Context(coffee);
        var payment = await db.Payments.SingleAsync(p => p.Id == id);
        payment.RefundedMinor = 500; // nothing was captured yet

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal("23514", Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    private async Task<Guid> CreateAsync(Money amount)
    {
        await using var db = host.Context(coffee);
        await using var tx = await db.Database.BeginTransactionAsync();
        var payment = await host.Service<PaymentTimeline>().CreateAsync(db,
            new NewPayment(coffee, amount, new PaymentToken(GatewayKind.Stripe, "pm_card_visa"), true, "Flat white", "ada@example.com"),
            Router, null, default);
        await tx.CommitAsync();
        return payment.Id;
    }

    private async Task MoveAsync(Guid id, PaymentStatus to, string reason)
    {
        await using var db = host.Context(coffee);
        await using var tx = await db.Database.BeginTransactionAsync();
        var payment = await db.Payments.SingleAsync(p => p.Id == id);
        await host.Service<PaymentTimeline>().MoveAsync(db, payment, to, Router, reason, null, null, default);
        await tx.CommitAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
