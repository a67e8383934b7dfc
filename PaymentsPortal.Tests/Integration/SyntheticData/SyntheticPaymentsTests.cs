using Npgsql;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Dashboard;
using PaymentsPortal.SyntheticData;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.SyntheticData;

/// <summary>
/// The synthetic payments generator against PostgreSQL: exactly the rows asked for, in its own merchants, consistent with each
/// other and with the table's rules, analysed afterwards; and the dashboard's numbers over them agree with plain SQL sums.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class SyntheticPaymentsTests : IAsyncLifetime
{
    private const int Count = 2_000;
    private static readonly DateTimeOffset To = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private CoreHost host = default!;
    private IReadOnlyList<Guid> merchants = [];

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        var generator = new SyntheticPayments(host.Database.AppConnectionString, host.Database.OwnerConnectionString, TextWriter.Null);
        merchants = await generator.CreateMerchantsAsync(4, To, CancellationToken.None);
        // Chunks that do not divide the count: the last one is short, and no row may be lost or doubled at the seams.
        await generator.InsertAsync(new SyntheticPaymentsPlan(merchants, Count, To, ChunkSize: 700), CancellationToken.None);
    }

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    [Fact]
    public async Task InsertAsync_WritesExactlyTheCount_IntoItsOwnMerchants_HalfIntoTheFirst()
    {
        Assert.Equal(Count, await ScalarAsync<long>("SELECT count(*) FROM payments"));
        var perMerchant = await RowsAsync("SELECT merchant_id, count(*) FROM payments GROUP BY 1", r => (r.GetGuid(0), r.GetInt64(1)));
        Assert.Equal(merchants.Order(), perMerchant.Select(m => m.Item1).Order());
        var first = perMerchant.Single(m => m.Item1 == merchants[0]).Item2;
        Assert.InRange(first, Count * 4 / 10, Count * 6 / 10);

        var names = await RowsAsync("SELECT name FROM merchants ORDER BY name", r => r.GetString(0));
        Assert.Equal(4, names.Count(n => n.StartsWith(SyntheticPayments.MerchantNamePrefix, StringComparison.Ordinal)));
        Assert.Contains(DemoData.DemoCoffee, names);
        Assert.Contains(DemoData.Northwind, names);
    }

    [Fact]
    public async Task InsertAsync_WritesRowsThatAgreeWithEachOther()
    {
        var statuses = await RowsAsync("SELECT DISTINCT status FROM payments", r => r.GetString(0));
        Assert.All(statuses, s => Assert.True(Enum.TryParse<PaymentStatus>(s, out _), s));
        Assert.Contains(nameof(PaymentStatus.Succeeded), statuses);
        Assert.Contains(nameof(PaymentStatus.Failed), statuses);

        // Each condition names rows that break a rule; none may. $1 and $2 are the start and the end of the period.
        string[] broken =
        [
            "status IN ('Succeeded', 'Refunded', 'PartiallyRefunded') AND captured_minor <> amount_minor",
            "status NOT IN ('Succeeded', 'Refunded', 'PartiallyRefunded') AND (captured_minor <> 0 OR refunded_minor <> 0)",
            "status = 'Succeeded' AND refunded_minor <> 0",
            "status = 'Refunded' AND refunded_minor <> amount_minor",
            "status = 'PartiallyRefunded' AND NOT (refunded_minor > 0 AND refunded_minor < amount_minor)",
            "currency_code NOT IN ('USD', 'EUR', 'GBP', 'JPY') OR gateway NOT IN ('Stripe', 'Braintree') OR token_issuer <> gateway",
            "failed_over AND gateway <> 'Braintree'",
            "created_at < $1 OR created_at >= $2 OR updated_at < created_at OR updated_at > $2",
            "card_last4 !~ '^[0-9]{4}$' OR card_expiry_month NOT BETWEEN 1 AND 12",
            "next_reconciliation_at IS NOT NULL",
            // UUIDv7, as the app's own ids: the version digit, and the time in the first 48 bits within a millisecond of created_at.
            "substring(id::text, 15, 1) <> '7'",
            "abs(('x' || lpad(replace(left(id::text, 13), '-', ''), 16, '0'))::bit(64)::bigint - floor(extract(epoch FROM created_at) * 1000)) > 1",
        ];
        foreach (var condition in broken)
        {
            var rows = await RowsAsync($"SELECT count(*) FROM payments WHERE {condition}", r => r.GetInt64(0), To.AddDays(-365), To);
            Assert.True(rows.Single() == 0, condition);
        }
    }

    [Fact]
    public async Task InsertAsync_AnalysesThePayments_SoThePlannerKnowsTheirCount()
    {
        // Never-analysed tables report -1; ANALYZE reads every row of tables this small, so the sum is exact.
        Assert.Equal(Count, await ScalarAsync<double>(
            "SELECT sum(reltuples)::float8 FROM pg_class WHERE relname LIKE 'payments\\_p%' AND relkind = 'r' AND reltuples > 0"));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(365)]
    public async Task StatsAsync_OverSyntheticPayments_AddsUpToTheSqlSums(int days)
    {
        var merchant = merchants[0];
        var from = To.AddDays(-days);
        var stats = await host.Service<DashboardQueries>().StatsAsync(merchant, from, To);

        const string Where = "WHERE merchant_id = $1 AND created_at >= $2 AND created_at < $3";
        const string Succeeded = "status IN ('Succeeded', 'PartiallyRefunded', 'Refunded')";
        var totals = (await RowsAsync(
            $"SELECT count(*), count(*) FILTER (WHERE {Succeeded}), count(*) FILTER (WHERE status = 'Failed'), count(*) FILTER (WHERE failed_over) FROM payments {Where}",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), merchant, from, To)).Single();
        Assert.True(totals.Item1 > 0);
        Assert.Equal(totals, (stats.Payments, stats.Succeeded, stats.Failed, stats.FailedOver));

        var byCurrency = await RowsAsync(
            $"SELECT currency_code, sum(captured_minor)::bigint, sum(refunded_minor)::bigint, count(*) FILTER (WHERE {Succeeded}) FROM payments {Where} GROUP BY 1 ORDER BY 1",
            r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), merchant, from, To);
        Assert.Equal(byCurrency, stats.ByCurrency.Select(c => (c.Currency.Code, c.GrossMinor, c.RefundedMinor, c.SucceededCount)));
        Assert.Equal(totals.Item1, stats.Volume.Sum(v => v.Count));
    }

    [Fact]
    public async Task NeedsAttentionAsync_CountsTheSyntheticPaymentsLeftOpen()
    {
        var merchant = merchants[0];
        var attention = await host.Service<DashboardQueries>().NeedsAttentionAsync(merchant);

        var expected = (await RowsAsync(
            "SELECT count(*) FILTER (WHERE status = 'RequiresReconciliation'), count(*) FILTER (WHERE status = 'RequiresReview') FROM payments WHERE merchant_id = $1",
            r => ((int)r.GetInt64(0), (int)r.GetInt64(1)), merchant)).Single();
        Assert.Equal(expected, (attention.PaymentsReconciling, attention.PaymentsInReview));
    }

    private async Task<T> ScalarAsync<T>(string sql) => (await RowsAsync(sql, r => r.GetFieldValue<T>(0))).Single();

    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] values)
    {
        await using var connection = new NpgsqlConnection(host.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
