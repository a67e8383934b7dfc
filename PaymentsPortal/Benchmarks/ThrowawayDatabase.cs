using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// A database the benchmark creates for itself under a fresh random name, migrates like the app does,
/// and drops at the end. The benchmark never reads the portal's own connection strings: it only ever
/// writes into a database that did not exist a moment before, so it cannot touch anyone's data.
/// </summary>
internal sealed class ThrowawayDatabase : IAsyncDisposable
{
    /// <summary>Set by bench.sh to the superuser of the throwaway cluster it started.</summary>
    public const string AdminVariable = "PORTAL_BENCH_PG_ADMIN";

    private const string OwnerRole = "portal_owner";
    private const string AppRole = "portal_app";

    private ThrowawayDatabase(string adminConnectionString, string name)
    {
        AdminConnectionString = adminConnectionString;
        Name = name;
        OwnerConnectionString = For(adminConnectionString, name, OwnerRole);
        AppConnectionString = For(adminConnectionString, name, AppRole);
    }

    public string Name { get; }

    /// <summary>The cluster's superuser, connected to the throwaway database (for CHECKPOINT and settings).</summary>
    public string AdminConnectionString { get; }

    public string OwnerConnectionString { get; }

    /// <summary>The application role, granted exactly what the app gets after migrating.</summary>
    public string AppConnectionString { get; }

    public static async Task<ThrowawayDatabase> CreateAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        var name = "portal_bench_" + Guid.NewGuid().ToString("N")[..12];
        // CREATE DATABASE fails if the name exists, so from here on every write lands in a new, empty database.
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {name} OWNER {OwnerRole}", cancellationToken);
        var database = new ThrowawayDatabase(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString, name);
        try
        {
            await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString, database.AppConnectionString, NullLogger.Instance, cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    /// <summary>Flushes dirty pages, so that one phase's checkpoint does not land in the next phase's timing.</summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) => ExecuteAsync(AdminConnectionString, "CHECKPOINT", cancellationToken);

    /// <summary>The server's version and the settings that decide commit cost, for the report's header.</summary>
    public async Task<string> DescribeServerAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL {reader.GetString(0)}, fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, shared_buffers={reader.GetString(3)}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var postgres = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
    }

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string For(string adminConnectionString, string database, string role) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Username = role, Password = null }.ConnectionString;
}
