using Npgsql;
using PaymentsPortal.Tests.Support;

namespace PaymentsPortal.Tests.Integration.Webhooks.Inbound;

/// <summary>The app role may store an event and record its processing, but never rewrite what a provider sent, or delete it.</summary>
[Trait("Tier", "Integration")]
public sealed class WebhookInboxPrivilegesTests : IAsyncLifetime
{
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await TestPostgres.DropDatabaseAsync(database.Name);

    [Theory]
    [InlineData("payload", false)]
    [InlineData("event_id", false)]
    [InlineData("event_type", false)]
    [InlineData("merchant_id", false)]
    [InlineData("status", true)]
    [InlineData("attempts", true)]
    [InlineData("next_attempt_at", true)]
    [InlineData("last_error", true)]
    [InlineData("reason", true)]
    [InlineData("payment_id", true)]
    public async Task AppRole_Columns_MayUpdateOnlyTheProcessingRecord(string column, bool updatable)
    {
        Assert.Equal(updatable, await ScalarAsync<bool>("SELECT has_column_privilege(current_user, 'webhook_inbox', @c, 'UPDATE')", ("c", column)));
    }

    [Fact]
    public async Task AppRole_Table_MayReadAndInsertButNotDelete()
    {
        Assert.True(await ScalarAsync<bool>("SELECT has_table_privilege(current_user, 'webhook_inbox', 'SELECT')"));
        Assert.True(await ScalarAsync<bool>("SELECT has_table_privilege(current_user, 'webhook_inbox', 'INSERT')"));
        Assert.False(await ScalarAsync<bool>("SELECT has_table_privilege(current_user, 'webhook_inbox', 'DELETE')"));
        Assert.False(await ScalarAsync<bool>("SELECT has_table_privilege(current_user, 'webhook_inbox', 'TRUNCATE')"));
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
