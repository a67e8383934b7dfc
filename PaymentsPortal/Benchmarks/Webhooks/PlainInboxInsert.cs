using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Benchmarks.Webhooks;

/// <summary>
/// The yardstick for the intake: the same row (merchant, ids, type, mode, times, the same event body) written by one prepared,
/// autocommitted INSERT into a copy of webhook_inbox with its columns, keys and indexes (LIKE … INCLUDING ALL; the foreign key
/// to merchants is not copied), from the same number of writers: what storing the event costs with nothing else around it.
/// </summary>
internal sealed class PlainInboxInsert(NpgsqlDataSource dataSource)
{
    private const string Table = "bench_plain_inbox";

    private const string Insert = $"""
        INSERT INTO {Table} (merchant_id, id, provider, event_id, event_type, livemode, occurred_at, received_at, payload, status, attempts, next_attempt_at)
        VALUES ($1, $2, 'Stripe', $3, 'payment_intent.succeeded', false, $4, $4, $5, 'Pending', 0, $4)
        """;

    public static async Task CreateTableAsync(ThrowawayDatabase database) =>
        await ThrowawayDatabase.ExecuteAsync(database.OwnerConnectionString,
            $"CREATE TABLE IF NOT EXISTS {Table} (LIKE webhook_inbox INCLUDING ALL); GRANT SELECT, INSERT ON {Table} TO portal_app", CancellationToken.None);

    public async Task InsertAsync(Guid merchant, string eventId, string body)
    {
        var now = DateTimeOffset.UtcNow;
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = merchant });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7(now) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = body, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }
}
