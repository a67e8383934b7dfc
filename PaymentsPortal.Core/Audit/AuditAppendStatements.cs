using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// The SQL of one append, sent on the caller's connection and transaction in two round trips: lock the
/// chain's head, then insert the entry and move the head in one batch. Both are prepared statements,
/// which PostgreSQL plans once per connection instead of on every append.
/// </summary>
internal static class AuditAppendStatements
{
    private const string LockHeadSql = "SELECT last_sequence, last_hash FROM audit_chain_heads WHERE merchant_id = $1 FOR UPDATE";

    // Racing first appends to a new chain: the loser waits for the winner's row, then does nothing and locks it.
    private const string CreateHeadSql =
        "INSERT INTO audit_chain_heads (merchant_id, last_sequence, last_hash) VALUES ($1, 0, ''::bytea) ON CONFLICT (merchant_id) DO NOTHING";

    private const string InsertEntrySql =
        """
        INSERT INTO audit_entries (merchant_id, sequence, id, occurred_at, actor_type, actor_id, actor_name, action, target_type,
            target_id, outcome, ip_address, user_agent, reason, details, previous_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        """;

    private const string MoveHeadSql = "UPDATE audit_chain_heads SET last_sequence = $2, last_hash = $3 WHERE merchant_id = $1";

    /// <summary>Locks the chain's head until the transaction ends, creating it for a chain's first entry, and returns the last link.</summary>
    public static async Task<(long Sequence, byte[] Hash)> LockHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid chain, CancellationToken cancellationToken)
    {
        if (await TryLockHeadAsync(connection, transaction, chain, cancellationToken) is { } head)
        {
            return head;
        }

        await using (var create = Command(CreateHeadSql, connection, transaction, Uuid(chain)))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return await TryLockHeadAsync(connection, transaction, chain, cancellationToken)
            ?? throw new InvalidOperationException($"The head of audit chain {chain} vanished while it was being created.");
    }

    /// <summary>Stores the entry and makes it the chain's head, in one round trip.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(InsertEntrySql)
                {
                    Parameters =
                    {
                        Uuid(entry.MerchantId),
                        new NpgsqlParameter<long> { TypedValue = entry.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint },
                        Uuid(entry.Id),
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.OccurredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                        Text(entry.ActorType.ToString(), NpgsqlDbType.Varchar),
                        Text(entry.ActorId),
                        Text(entry.ActorName, NpgsqlDbType.Varchar),
                        new NpgsqlParameter<int> { TypedValue = (int)entry.Action, NpgsqlDbType = NpgsqlDbType.Integer },
                        Text(entry.TargetType),
                        Text(entry.TargetId),
                        Text(entry.Outcome.ToString(), NpgsqlDbType.Varchar),
                        Text(entry.IpAddress),
                        Text(entry.UserAgent),
                        Text(entry.Reason),
                        Text(entry.Details),
                        Bytes(entry.PreviousHash),
                        Bytes(entry.Hash),
                    },
                },
                new NpgsqlBatchCommand(MoveHeadSql)
                {
                    Parameters =
                    {
                        Uuid(entry.MerchantId),
                        new NpgsqlParameter<long> { TypedValue = entry.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint },
                        Bytes(entry.Hash),
                    },
                },
            },
        };
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(long Sequence, byte[] Hash)?> TryLockHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid chain, CancellationToken cancellationToken)
    {
        await using var command = Command(LockHeadSql, connection, transaction, Uuid(chain));
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlParameter parameter) =>
        new(sql, connection, transaction) { Parameters = { parameter } };

    private static NpgsqlParameter<Guid> Uuid(Guid value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid };

    private static NpgsqlParameter<byte[]> Bytes(byte[] value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bytea };

    private static NpgsqlParameter Text(string? value, NpgsqlDbType type = NpgsqlDbType.Text) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = type };
}
