using Npgsql;
using NpgsqlTypes;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// Builds one long, valid chain for the verification benchmark: hashes are chained in memory with the
/// real <see cref="AuditHasher"/> and streamed into the table with binary COPY, which is far faster
/// than appending one by one (the append-only trigger only rejects UPDATE, DELETE and TRUNCATE).
/// </summary>
internal static class ChainFixture
{
    private const string Copy =
        """
        COPY audit_entries (merchant_id, sequence, id, occurred_at, actor_type, actor_id, actor_name, action, target_type,
            target_id, outcome, ip_address, user_agent, reason, details, previous_hash, hash) FROM STDIN (FORMAT BINARY)
        """;

    /// <param name="connectionString">A role that may COPY into audit_entries and VACUUM it: the owner.</param>
    public static async Task LoadAsync(string connectionString, Guid chain, long entries, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            // Hashing is sequential and the importer is synchronous: one thread of its own does both.
            var last = await Task.Run(() => CopyChain(connection, chain, entries), cancellationToken);
            await using var head = new NpgsqlCommand("INSERT INTO audit_chain_heads (merchant_id, last_sequence, last_hash) VALUES ($1, $2, $3)", connection, tx)
            {
                Parameters = { new() { Value = chain }, new() { Value = entries }, new() { Value = last } },
            };
            await head.ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        // A chain this long would long since have been vacuumed in production: set the hint bits and
        // visibility map now, so the timed reads do not pay for them.
        await ThrowawayDatabase.ExecuteAsync(connectionString, "VACUUM (ANALYZE) audit_entries", cancellationToken);
    }

    private static byte[] CopyChain(NpgsqlConnection connection, Guid chain, long entries)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        byte[] previous = [];
        using var importer = connection.BeginBinaryImport(Copy);
        for (long sequence = 1; sequence <= entries; sequence++)
        {
            // One entry every 10 ms, in whole microseconds like PostgreSQL stores them.
            var entry = SampleAuditContent.Entry(chain, sequence, start.AddTicks(sequence * 100_000 + sequence % 10_000 * 10), previous);
            var hash = AuditHasher.Compute(entry, previous);
            importer.StartRow();
            importer.Write(entry.MerchantId, NpgsqlDbType.Uuid);
            importer.Write(entry.Sequence, NpgsqlDbType.Bigint);
            importer.Write(entry.Id, NpgsqlDbType.Uuid);
            importer.Write(entry.OccurredAt, NpgsqlDbType.TimestampTz);
            importer.Write(entry.ActorType.ToString(), NpgsqlDbType.Varchar);
            WriteText(importer, entry.ActorId);
            importer.Write(entry.ActorName, NpgsqlDbType.Varchar);
            importer.Write((int)entry.Action, NpgsqlDbType.Integer);
            WriteText(importer, entry.TargetType);
            WriteText(importer, entry.TargetId);
            importer.Write(entry.Outcome.ToString(), NpgsqlDbType.Varchar);
            WriteText(importer, entry.IpAddress);
            WriteText(importer, entry.UserAgent);
            WriteText(importer, entry.Reason);
            WriteText(importer, entry.Details);
            importer.Write(previous, NpgsqlDbType.Bytea);
            importer.Write(hash, NpgsqlDbType.Bytea);
            previous = hash;
        }

        importer.Complete();
        return previous;
    }

    private static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }
}
