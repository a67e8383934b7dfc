using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Demo;
using PaymentsPortal.Core.Payments.Search;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Payments.Search;

/// <summary>
/// How PostgreSQL runs the list's statement for a merchant with many payments: from an index, starting at the cursor,
/// whatever the page. EXPLAIN ANALYZE of the very statement EF Core sends, on 20,000 payments.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class PaymentSearchPlanTests : IAsyncLifetime
{
    private const int Count = 20_000;
    private const int PageRows = 26;
    private CoreHost host = default!;
    private Guid coffee;

    public async Task InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        coffee = await host.MerchantIdAsync(DemoData.DemoCoffee);
        // Payment n is created n minutes after the start, so the rows of any depth are known without reading them.
        await using var connection = new NpgsqlConnection(host.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO payments (merchant_id, id, amount_minor, currency_code, capture_immediately, status, version, captured_minor,
                refunded_minor, token_issuer, token_value, reconciliation_attempts, created_at, updated_at, customer_email, description)
            SELECT @merchant, gen_random_uuid(), 100 + (g * 7919) % 100000, 'USD', true, 'Succeeded', 3, 0, 0, 'Stripe', 'pm_' || g, 0,
                   timestamptz '2026-01-01' + g * interval '1 minute', timestamptz '2026-01-01' + g * interval '1 minute',
                   'Customer' || (g % 500) || '@Example.com', 'Order #' || g || ', ceramic mug'
            FROM generate_series(1, @count) g;
            ANALYZE payments;
            """, connection);
        insert.Parameters.AddWithValue("merchant", coffee);
        insert.Parameters.AddWithValue("count", Count);
        await insert.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(PaymentSort.NewestFirst)]
    [InlineData(PaymentSort.OldestFirst)]
    public async Task FirstPage_ByCreationTime_ReadsOnlyItsRowsFromTheIndex(PaymentSort sort)
    {
        var plan = await PlanAsync(sort, from: null);

        Assert.DoesNotContain(plan.Nodes, n => n.Type == "Seq Scan");
        Assert.Contains(plan.Nodes, n => n.Type == "Index Scan" && n.Index.Contains("_merchant_id_created_at_", StringComparison.Ordinal));
        Assert.True(plan.RowsRead <= 2 * PageRows, $"The first page read {plan.RowsRead} rows.");
    }

    [Theory]
    [InlineData(PaymentSort.NewestFirst, 5_000)]
    [InlineData(PaymentSort.OldestFirst, 15_000)]
    public async Task PageFifteenThousandRowsDeep_StartsTheIndexScanAtTheCursor(PaymentSort sort, int cursorAt)
    {
        await using var db = host.Context(coffee);
        var row = await db.Payments.AsNoTracking().SingleAsync(p => p.TokenValue == "pm_" + cursorAt);
        var cursor = new PaymentCursor(sort, row.CreatedAt.UtcTicks, row.Id);

        var plan = await PlanAsync(sort, cursor);

        Assert.DoesNotContain(plan.Nodes, n => n.Type == "Seq Scan");
        var scan = Assert.Single(plan.Nodes, n => n.Type == "Index Scan");
        Assert.Contains("created_at", scan.IndexCondition, StringComparison.Ordinal);
        // Without the cursor in the index condition, the scan would read and discard the 15,000 rows before it.
        Assert.True(plan.RowsRead <= 2 * PageRows, $"The page read {plan.RowsRead} rows to return {PageRows}.");
    }

    [Fact]
    public async Task CustomerEmail_InAnyCase_ReadsItsPaymentsFromTheEmailIndexInOrder()
    {
        var plan = await PlanAsync(PaymentSort.NewestFirst, from: null, new PaymentFilter(CustomerEmail: "customer7@EXAMPLE.com"));

        Assert.DoesNotContain(plan.Nodes, n => n.Type == "Seq Scan");
        Assert.Contains(plan.Nodes, n => n.Type == "Index Scan" && n.Index.Contains("lower", StringComparison.Ordinal));
        Assert.True(plan.RowsRead <= 2 * PageRows, $"The first page read {plan.RowsRead} rows.");
    }

    [Fact]
    public async Task RareWordsOfTheDescription_AreFoundThroughTheTrigramIndex_NotByReadingThePartition()
    {
        var plan = await PlanAsync(PaymentSort.NewestFirst, from: null, new PaymentFilter(Text: "Order #12345,"));

        Assert.DoesNotContain(plan.Nodes, n => n.Type == "Seq Scan");
        Assert.Contains(plan.Nodes, n => n.Type == "Bitmap Index Scan" && n.Index.Contains("description", StringComparison.Ordinal));
    }

    private async Task<Plan> PlanAsync(PaymentSort sort, PaymentCursor? from, PaymentFilter? filter = null)
    {
        await using var db = host.Context(coffee);
        await db.Database.OpenConnectionAsync();
        await using var command = PaymentSearch.Query(db, coffee, filter ?? PaymentFilter.None, sort, from, PageRows).CreateDbCommand();
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + command.CommandText;
        using var json = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        var nodes = new List<PlanNode>();
        Walk(json.RootElement[0].GetProperty("Plan"), nodes);
        return new Plan(nodes);
    }

    private static void Walk(JsonElement node, List<PlanNode> nodes)
    {
        nodes.Add(new PlanNode(
            node.GetProperty("Node Type").GetString()!,
            node.TryGetProperty("Index Name", out var index) ? index.GetString()! : "",
            node.TryGetProperty("Index Cond", out var condition) ? condition.GetString()! : "",
            node.TryGetProperty("Actual Rows", out var rows) ? rows.GetInt64() : 0,
            node.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt64() : 0));
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }

    private sealed record PlanNode(string Type, string Index, string IndexCondition, long Rows, long RemovedByFilter);

    private sealed record Plan(IReadOnlyList<PlanNode> Nodes)
    {
        /// <summary>Rows the scans produced plus those they read and threw away.</summary>
        public long RowsRead => Nodes.Where(n => n.Type is "Index Scan" or "Seq Scan").Sum(n => n.Rows + n.RemovedByFilter);
    }
}
