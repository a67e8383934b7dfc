using Npgsql;
using NpgsqlTypes;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// The SQL of an append, sent on the caller's connection and transaction as prepared statements, which
/// PostgreSQL plans once per connection instead of on every append. Usually one round trip: the entry is
/// written on the condition that the head is still where this process last saw it. Otherwise two: lock the
/// head and read it, then write the entry and move the head in one batch.
/// </summary>
internal static class AuditAppendStatements
{
    private const string Columns =
        "merchant_id, sequence, id, occurred_at, actor_type, actor_id, actor_name, action, target_type, target_id, outcome, " +
        "ip_address, user_agent, reason, details, previous_hash, hash";

    private const string Values = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17";

    // Moves the head only if it still holds the entry's predecessor ($16 at $2 - 1), and inserts the entry only
    // if it did. A concurrent append holds the head's row lock; this waits for it, re-reads the row, and then
    // finds the head moved on: nothing is written, and the caller takes the locking path instead.
    private const string AppendAfterSql =
        $"""
        WITH moved AS (
            UPDATE audit_chain_heads SET last_sequence = $2, last_hash = $17
            WHERE merchant_id = $1 AND last_sequence = $2 - 1 AND last_hash = $16
            RETURNING merchant_id)
        INSERT INTO audit_entries ({Columns}) SELECT {Values} FROM moved
        """;

    private const string LockHeadSql = "SELECT last_sequence, last_hash FROM audit_chain_heads WHERE merchant_id = $1 FOR UPDATE";

    // Racing first appends to a new chain: the loser waits for the winner's row, then does nothing and locks it.
    private const string CreateHeadSql =
        "INSERT INTO audit_chain_heads (merchant_id, last_sequence, last_hash) VALUES ($1, 0, ''::bytea) ON CONFLICT (merchant_id) DO NOTHING";

    private const string InsertEntrySql = $"INSERT INTO audit_entries ({Columns}) VALUES ({Values})";

    private const string MoveHeadSql = "UPDATE audit_chain_heads SET last_sequence = $2, last_hash = $3 WHERE merchant_id = $1";

    /// <summary>Writes the entry if the chain's head is still its predecessor; false if the head has moved (nothing was written).</summary>
    public static async Task<bool> TryAppendAfterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AppendAfterSql, connection, transaction);
        AddEntry(command.Parameters, entry);
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Locks the chain's head until the transaction ends, creating it for a chain's first entry, and returns the last link.</summary>
    public static async Task<(long Sequence, byte[] Hash)> LockHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid chain, CancellationToken cancellationToken)
    {
        if (await TryLockHeadAsync(connection, transaction, chain, cancellationToken) is { } head)
        {
            return head;
        }

        await using (var create = new NpgsqlCommand(CreateHeadSql, connection, transaction) { Parameters = { Uuid(chain) } })
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return await TryLockHeadAsync(connection, transaction, chain, cancellationToken)
            ?? throw new InvalidOperationException($"The head of audit chain {chain} vanished while it was being created.");
    }

    /// <summary>Stores the entry and makes it the chain's head, in one round trip; the head must be locked.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        var insert = new NpgsqlBatchCommand(InsertEntrySql);
        AddEntry(insert.Parameters, entry);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                insert,
                new NpgsqlBatchCommand(MoveHeadSql) { Parameters = { Uuid(entry.MerchantId), Int64(entry.Sequence), Bytes(entry.Hash) } },
            },
        };
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(long Sequence, byte[] Hash)?> TryLockHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid chain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockHeadSql, connection, transaction) { Parameters = { Uuid(chain) } };
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    // $1..$17 in the order of Columns; every type is explicit, as prepared statements need.
    private static void AddEntry(NpgsqlParameterCollection parameters, AuditEntry entry)
    {
        parameters.Add(Uuid(entry.MerchantId));
        parameters.Add(Int64(entry.Sequence));
        parameters.Add(Uuid(entry.Id));
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.OccurredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(Text(entry.ActorType.ToString(), NpgsqlDbType.Varchar));
        parameters.Add(Text(entry.ActorId));
        parameters.Add(Text(entry.ActorName, NpgsqlDbType.Varchar));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)entry.Action, NpgsqlDbType = NpgsqlDbType.Integer });
        parameters.Add(Text(entry.TargetType));
        parameters.Add(Text(entry.TargetId));
        parameters.Add(Text(entry.Outcome.ToString(), NpgsqlDbType.Varchar));
        parameters.Add(Text(entry.IpAddress));
        parameters.Add(Text(entry.UserAgent));
        parameters.Add(Text(entry.Reason));
        parameters.Add(Text(entry.Details));
        parameters.Add(Bytes(entry.PreviousHash));
        parameters.Add(Bytes(entry.Hash));
    }

    private static NpgsqlParameter<Guid> Uuid(Guid value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid };

    private static NpgsqlParameter<long> Int64(long value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static NpgsqlParameter<byte[]> Bytes(byte[] value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bytea };

    private static NpgsqlParameter Text(string? value, NpgsqlDbType type = NpgsqlDbType.Text) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = type };
}
