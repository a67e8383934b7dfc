using Microsoft.EntityFrameworkCore;
using Npgsql;
using PaymentsPortal.Core.Tenancy;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Persistence;

/// <summary>The app role may read and write rows, never change the schema or the migration history.</summary>
[Trait("Tier", "Integration")]
public sealed class DatabaseRolesTests : IAsyncLifetime
{
    private const string InsufficientPrivilege = "42501";

    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await TestPostgres.DropDatabaseAsync(database.Name);

    [Fact]
    public async Task AppRole_Merchants_CanInsertAndSelect()
    {
        var id = Guid.NewGuid();
        await using var connection = await OpenAsync(database.AppConnectionString);

        await ExecuteAsync(connection,
            $"INSERT INTO merchants (id, name, normalized_name, status, created_at, updated_at) VALUES ('{id}', 'Role Test', 'ROLE TEST', 'Active', now(), now())");
        await using var select = new NpgsqlCommand($"SELECT name FROM merchants WHERE id = '{id}'", connection);

        Assert.Equal("Role Test", await select.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("CREATE TABLE public.intruder (id int)")]
    [InlineData("INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ('99999999999999_Fake', '10.0.0')")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\"")]
    [InlineData("DROP TABLE merchants")]
    [InlineData("ALTER TABLE merchants ADD COLUMN intruder int")]
    [InlineData("TRUNCATE merchants")]
    [InlineData("DELETE FROM bank_transactions")]
    [InlineData("DELETE FROM bank_links")]
    [InlineData("UPDATE statement_imports SET added_count = 0")]
    public async Task AppRole_SchemaOrHistoryChange_IsRefused(string sql)
    {
        await using var connection = await OpenAsync(database.AppConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));

        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task OwnerRole_OwnsEveryTable()
    {
        await using var connection = await OpenAsync(database.OwnerConnectionString);
        await using var command = new NpgsqlCommand("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'", connection);
        var owners = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                owners[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Contains("merchants", owners.Keys);
        Assert.Contains("__EFMigrationsHistory", owners.Keys);
        Assert.All(owners, pair => Assert.Equal("portal_owner", pair.Value));
    }

    [Fact]
    public async Task Migrations_AfterMigrate_NonePending()
    {
        await using var db = CoreHost.CreateContext(database.AppConnectionString, FixedTenantScope.None);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
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
