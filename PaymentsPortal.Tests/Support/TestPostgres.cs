using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Tests.Support;

/// <summary>
/// The throwaway PostgreSQL cluster that ./test.sh starts. A migrated template database is built
/// once per run; every test class gets its own copy of it, which takes milliseconds.
/// </summary>
public static class TestPostgres
{
    private const string Template = "portal_template";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool templateReady;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_PG_ADMIN")
        ?? throw new InvalidOperationException(
            "PORTAL_TEST_PG_ADMIN is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        await EnsureTemplateAsync();
        var name = "portal_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name} OWNER portal_owner TEMPLATE {Template}");
        return new TestDatabase(name, ConnectionFor(name, "portal_owner"), ConnectionFor(name, "portal_app"));
    }

    public static string ConnectionFor(string database, string user) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Username = user, Pooling = true }.ConnectionString;

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (templateReady)
            {
                return;
            }

            await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {Template} OWNER portal_owner");
            // The same migration and grants the app runs at start-up, as the same two roles.
            await DatabaseMigrator.MigrateAsync(
                ConnectionFor(Template, "portal_owner"), ConnectionFor(Template, "portal_app"), NullLogger.Instance);
            // A template must have no open connections while it is copied.
            NpgsqlConnection.ClearAllPools();
            templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed record TestDatabase(string Name, string OwnerConnectionString, string AppConnectionString);
