using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// The yardstick for appends: one row per autocommitted INSERT into a copy of audit_entries with the
/// same columns, types and indexes, but no chain head to lock, no hash to compute and no trigger.
/// </summary>
/// <param name="prepared">
/// Whether to prepare the INSERT, as the audit trail prepares its statements: the plain baseline sends it
/// unprepared, as EF Core and most code do; the prepared one shows how much of a gap preparing alone makes.
/// </param>
internal sealed class PlainInsertBaseline(string appConnectionString, bool prepared)
{
    private const string Table = "bench_plain_entries";

    private const string Insert =
        $"""
        INSERT INTO {Table} (merchant_id, sequence, id, occurred_at, actor_type, actor_id, actor_name, action, target_type,
            target_id, outcome, ip_address, user_agent, reason, details, previous_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        """;

    // Random bytes of a hash's size: the row is as wide as a real entry, without the cost of hashing.
    private static readonly byte[] FakeHash = RandomNumberGenerator.GetBytes(32);

    /// <summary>LIKE … INCLUDING ALL copies columns, defaults, keys and indexes; triggers are not copied.</summary>
    public static async Task CreateTableAsync(ThrowawayDatabase database, CancellationToken cancellationToken)
    {
        await ThrowawayDatabase.ExecuteAsync(database.OwnerConnectionString,
            $"CREATE TABLE IF NOT EXISTS {Table} (LIKE audit_entries INCLUDING ALL); GRANT SELECT, INSERT ON {Table} TO portal_app", cancellationToken);
    }

    public async Task InsertAsync(Guid merchant, long sequence, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var entry = SampleAuditContent.Entry(merchant, sequence, new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero), FakeHash);

        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Insert, connection)
        {
            Parameters =
            {
                new() { Value = entry.MerchantId, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = entry.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = entry.Id, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = entry.OccurredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { Value = entry.ActorType.ToString(), NpgsqlDbType = NpgsqlDbType.Varchar },
                Text(entry.ActorId),
                new() { Value = entry.ActorName, NpgsqlDbType = NpgsqlDbType.Varchar },
                new() { Value = (int)entry.Action, NpgsqlDbType = NpgsqlDbType.Integer },
                Text(entry.TargetType),
                Text(entry.TargetId),
                new() { Value = entry.Outcome.ToString(), NpgsqlDbType = NpgsqlDbType.Varchar },
                Text(entry.IpAddress),
                Text(entry.UserAgent),
                Text(entry.Reason),
                Text(entry.Details),
                new() { Value = entry.PreviousHash, NpgsqlDbType = NpgsqlDbType.Bytea },
                new() { Value = FakeHash, NpgsqlDbType = NpgsqlDbType.Bytea },
            },
        };
        if (prepared)
        {
            await command.PrepareAsync(cancellationToken);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
