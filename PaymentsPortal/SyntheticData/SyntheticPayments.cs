using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.SyntheticData;

/// <summary>
/// What to generate: <paramref name="Count"/> payments over <paramref name="Merchants"/> (the first takes half of them, the rest
/// share the other half evenly), created in the <paramref name="Days"/> days before <paramref name="To"/>.
/// </summary>
internal sealed record SyntheticPaymentsPlan(IReadOnlyList<Guid> Merchants, long Count, DateTimeOffset To, int Days = 365, int ChunkSize = 100_000);

/// <summary>What one run inserted and how long each part took.</summary>
internal sealed record SyntheticPaymentsResult(long Inserted, TimeSpan Inserting, TimeSpan Vacuuming);

/// <summary>
/// Fills payments with synthetic rows at the scale the list and the dashboard must stand up to: set-based INSERT … SELECT over
/// generate_series, one transaction per chunk so a large run neither holds one huge transaction nor loses everything to a
/// Ctrl-C, then VACUUM (ANALYZE) so plans and index-only scans are the ones production sees once autovacuum has run.
/// Only payments rows are written: no timeline events, attempts or audit entries, which the list and the dashboard never read.
/// </summary>
/// <param name="appConnectionString">The application role, which writes, as the app does.</param>
/// <param name="ownerConnectionString">The owner role, which alone may VACUUM the tables.</param>
/// <param name="progress">Where a line per chunk goes.</param>
internal sealed class SyntheticPayments(string appConnectionString, string ownerConnectionString, TextWriter progress)
{
    /// <summary>Every merchant this class creates is named with it, so synthetic data is never mistaken for real or demo data.</summary>
    public const string MerchantNamePrefix = "Synthetic merchant";

    /// <summary>
    /// New active merchants named "Synthetic merchant 1 (run …)" and so on; the run tag keeps names unique (they are) across runs.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CreateMerchantsAsync(int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var run = Guid.NewGuid().ToString("N")[..6];
        var merchants = Enumerable.Range(1, count)
            .Select(i => Merchant.Create(Guid.CreateVersion7(now), string.Create(CultureInfo.InvariantCulture, $"{MerchantNamePrefix} {i} (run {run})"), now))
            .ToList();

        await using var connection = await OpenAsync(appConnectionString, cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var merchant in merchants)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO merchants (id, name, normalized_name, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)")
            {
                Parameters =
                {
                    new() { Value = merchant.Id },
                    new() { Value = merchant.Name },
                    new() { Value = merchant.NormalizedName },
                    new() { Value = merchant.Status.ToString() },
                    new() { Value = merchant.CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                },
            });
        }

        // One batch is one implicit transaction: all the merchants exist, or none.
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return [.. merchants.Select(m => m.Id)];
    }

    public async Task<SyntheticPaymentsResult> InsertAsync(SyntheticPaymentsPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.ChunkSize, 1);
        if (plan.Merchants.Count == 0)
        {
            throw new ArgumentException("At least one merchant is needed.", nameof(plan));
        }

        // Rows are spaced evenly over the period in row order, so each partition's heap is in creation order, as one filled
        // over a year by live traffic would be; a random order would make every list page touch rows all over the table.
        var from = plan.To.AddDays(-plan.Days);
        var secondsApart = (plan.To - from).TotalSeconds / plan.Count;
        var customers = Math.Max(100, plan.Count / 20);
        var merchants = plan.Merchants.ToArray();

        var inserting = Stopwatch.StartNew();
        await using (var connection = await OpenAsync(appConnectionString, cancellationToken))
        {
            for (var first = 1L; first <= plan.Count; first += plan.ChunkSize)
            {
                var last = Math.Min(plan.Count, first + plan.ChunkSize - 1);
                // Outside an explicit transaction, each chunk's statement commits on its own.
                await using var command = new NpgsqlCommand(SyntheticPaymentsSql.InsertChunk, connection)
                {
                    CommandTimeout = 0,
                    Parameters =
                    {
                        new() { Value = merchants, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                        new() { Value = first },
                        new() { Value = last },
                        new() { Value = from, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                        new() { Value = secondsApart },
                        new() { Value = customers },
                        new() { Value = plan.To, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    },
                };
                await command.ExecuteNonQueryAsync(cancellationToken);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {last:N0} of {plan.Count:N0} payments ({100.0 * last / plan.Count:0}%), {inserting.Elapsed.TotalSeconds:0.0} s"));
            }
        }

        await using (var connection = await OpenAsync(appConnectionString, cancellationToken))
        {
            // Rows with past creation times change days that may be rolled up already, and no trigger marks inserts: forget
            // these merchants' daily totals, so the dashboard reads live until the roller rebuilds them.
            await using var forget = new NpgsqlCommand(SyntheticPaymentsSql.ForgetDailyTotals, connection)
            {
                Parameters = { new() { Value = merchants, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
            };
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        inserting.Stop();
        var vacuuming = Stopwatch.StartNew();
        await progress.WriteLineAsync("  VACUUM (ANALYZE) payments…");
        await using (var connection = await OpenAsync(ownerConnectionString, cancellationToken))
        {
            // The visibility map lets the dashboard's covering index answer without the heap; the statistics give the planner
            // the row counts it will see in production. Autovacuum does both eventually; the numbers should not wait for it.
            await using var command = new NpgsqlCommand("VACUUM (ANALYZE) payments", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SyntheticPaymentsResult(plan.Count, inserting.Elapsed, vacuuming.Elapsed);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
