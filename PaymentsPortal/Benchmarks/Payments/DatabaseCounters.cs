using Npgsql;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>The transactions committed in the benchmark's database, as pg_stat_database counts them (read-only ones too).</summary>
internal sealed record DatabaseCounts(long Commits)
{
    /// <summary>
    /// Reads the counter once every earlier transaction is in it. A backend that goes idle may hold its statistics up to
    /// 10 s before reporting them, so the pooled connections are closed first: a backend reports everything as it exits.
    /// </summary>
    public static async Task<DatabaseCounts> ReadAsync(ThrowawayDatabase database)
    {
        NpgsqlConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var connection = new NpgsqlConnection(database.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return new DatabaseCounts((long)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Per operation between two readings, leaving out the earlier reading's own transaction.</summary>
    public static double PerOperation(DatabaseCounts before, DatabaseCounts after, long operations) =>
        operations == 0 ? 0 : (double)(after.Commits - before.Commits - 1) / operations;
}
