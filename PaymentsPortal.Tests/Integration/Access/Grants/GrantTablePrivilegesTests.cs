using Npgsql;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Access.Grants;

/// <summary>The migrator grants the app role what it needs on the tables this feature added, and nothing of the schema.</summary>
[Trait("Tier", "Integration")]
public sealed class GrantTablePrivilegesTests : IAsyncLifetime
{
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await TestPostgres.DropDatabaseAsync(database.Name);

    [Theory]
    [InlineData("access_grants")]
    [InlineData("step_ups")]
    public async Task AppRole_NewTables_HasReadWriteButDoesNotOwnThem(string table)
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT has_table_privilege(current_user, @t, 'SELECT'), has_table_privilege(current_user, @t, 'INSERT'),
                   has_table_privilege(current_user, @t, 'UPDATE'), has_table_privilege(current_user, @t, 'DELETE'),
                   (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = @t)
            """, connection);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.True(reader.GetBoolean(0) && reader.GetBoolean(1) && reader.GetBoolean(2) && reader.GetBoolean(3));
        Assert.Equal("portal_owner", reader.GetString(4));
    }
}
