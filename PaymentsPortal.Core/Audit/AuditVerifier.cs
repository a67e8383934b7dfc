using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PaymentsPortal.Core.Audit.Retention;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Re-walks a chain from its first entry: an edited, deleted, reordered or inserted entry breaks the
/// sequence, a link or a hash, and the first bad sequence number is reported. A tail cut off the end is
/// caught by comparing the last entry with the chain's head.
/// </summary>
/// <remarks>
/// A long chain is split into consecutive sequence ranges walked in parallel, each on its own connection
/// but all in one exported snapshot; every entry stores its predecessor's hash, so each range checks its
/// own links and the ranges are then joined link to link, as if one walk had run from the start.
/// </remarks>
public static partial class AuditVerifier
{
    // Below this a second connection costs more than it saves.
    private const long MinEntriesPerRange = 100_000;

    // Large reads: a long chain streams hundreds of megabytes, and fewer socket reads leave more CPU for hashing.
    private const int ReadBufferSize = 256 * 1024;

    public static Task<AuditVerification> VerifyAsync(PortalDbContext db, Guid chain, CancellationToken cancellationToken = default) =>
        VerifyAsync(db, chain, progress: null, cancellationToken);

    /// <param name="progress">Told how many entries have been verified so far, every 50,000 entries and once at the end.</param>
    public static Task<AuditVerification> VerifyAsync(
        PortalDbContext db, Guid chain, IProgress<long>? progress, CancellationToken cancellationToken = default) =>
        VerifyAsync(db, chain, progress, Math.Clamp(Environment.ProcessorCount, 1, 4), cancellationToken);

    /// <param name="parallelism">The most ranges walked at once; tests force several ranges on short chains.</param>
    internal static async Task<AuditVerification> VerifyAsync(
        PortalDbContext db, Guid chain, IProgress<long>? progress, int parallelism, CancellationToken cancellationToken, long minEntriesPerRange = MinEntriesPerRange)
    {
        var counter = new AuditVerificationProgress(progress);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        // Inside the caller's transaction the walk sees what that transaction sees, its own appends included.
        if (db.Database.CurrentTransaction is { } current)
        {
            var transaction = (NpgsqlTransaction)current.GetDbTransaction();
            var bounds = await ReadBoundsAsync(connection, transaction, chain, exportSnapshot: false, cancellationToken);
            using var walk = await WalkAsync(connection, transaction, chain, AuditRange.From(bounds.Start.FirstSequence), counter, cancellationToken);
            return Conclude([walk], bounds.Head, bounds.Start, counter);
        }

        // Otherwise on connections of its own, in one snapshot, so that appends committed during a long walk
        // cannot make the head look longer than the entries that were read. CloneWith keeps the credentials.
        var settings = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { ReadBufferSize = ReadBufferSize }.ConnectionString;
        await using var coordinator = await connection.CloneWithAsync(settings, cancellationToken);
        await coordinator.OpenAsync(cancellationToken);
        await using var snapshot = await coordinator.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var (head, last, snapshotId, start) = await ReadBoundsAsync(coordinator, snapshot, chain, exportSnapshot: true, cancellationToken);
        var ranges = AuditRange.Split(last, parallelism, minEntriesPerRange, start.FirstSequence);
        if (ranges.Count == 1)
        {
            using var walk = await WalkAsync(coordinator, snapshot, chain, ranges[0], counter, cancellationToken);
            return Conclude([walk], head, start, counter);
        }

        // The coordinator's transaction stays open until every range has imported its snapshot.
        var walks = await Task.WhenAll(ranges.Select(range => WalkInSnapshotAsync(coordinator, settings, snapshotId!, chain, range, counter, cancellationToken)));
        try
        {
            return Conclude(walks, head, start, counter);
        }
        finally
        {
            foreach (var walk in walks)
            {
                walk.Dispose();
            }
        }
    }

    /// <summary>
    /// Joins the ranges' walks in order, exactly as one walk from the first entry would have ended. The first
    /// entry is 1, or after retention removed the oldest months, the one after them, linking to the kept anchor.
    /// </summary>
    private static AuditVerification Conclude(
        IReadOnlyList<AuditChainWalk> walks, (long Sequence, byte[] Hash)? head, AuditChainStart start, AuditVerificationProgress counter)
    {
        var expected = start.FirstSequence;
        ReadOnlySpan<byte> previous = start.PreviousHash;
        foreach (var walk in walks)
        {
            if (walk.FirstRowSequence is not { } first)
            {
                continue;
            }

            // The previous range ran out of rows before its end: entries are missing there.
            if (walk.FirstSequence != expected)
            {
                return Broken(expected, start, string.Create(CultureInfo.InvariantCulture, $"expected sequence {expected}, found {first}"));
            }

            if (walk.FirstLink is { } link && !link.AsSpan().SequenceEqual(previous))
            {
                return Broken(expected, start, AuditChainWalk.LinkMismatch);
            }

            if (walk.Broken is { } broken)
            {
                return Broken(broken.Sequence, start, broken.Problem);
            }

            expected = walk.NextSequence;
            previous = walk.LastHash;
        }

        var end = expected - 1;
        var count = expected - start.FirstSequence;
        counter.Complete(count);
        if (head is { } last && (last.Sequence != end || !previous.SequenceEqual(last.Hash)))
        {
            // Entries were removed from the end: the head still remembers the longer chain.
            return AuditVerification.Broken(count, end + 1,
                string.Create(CultureInfo.InvariantCulture, $"the chain ends at {end} but its head records {last.Sequence}"));
        }

        return AuditVerification.Intact(count);
    }

    private static AuditVerification Broken(long sequence, AuditChainStart start, string problem) =>
        AuditVerification.Broken(sequence - start.FirstSequence, sequence, problem);

    private static async Task<AuditChainWalk> WalkInSnapshotAsync(
        NpgsqlConnection coordinator, string settings, string snapshotId, Guid chain, AuditRange range, AuditVerificationProgress counter, CancellationToken cancellationToken)
    {
        if (!SnapshotId().IsMatch(snapshotId))
        {
            throw new InvalidOperationException("PostgreSQL returned an unexpected snapshot id.");
        }

        await using var connection = await coordinator.CloneWithAsync(settings, cancellationToken);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var import = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshotId}'", connection, transaction))
        {
            await import.ExecuteNonQueryAsync(cancellationToken);
        }

        return await WalkAsync(connection, transaction, chain, range, counter, cancellationToken);
    }

    private static async Task<AuditChainWalk> WalkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid chain, AuditRange range, AuditVerificationProgress counter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {AuditChainWalk.Columns} FROM audit_entries WHERE merchant_id = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence",
            connection, transaction)
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = chain }, new NpgsqlParameter<long> { TypedValue = range.After }, new NpgsqlParameter<long> { TypedValue = range.Through } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var walk = new AuditChainWalk(chain, range.FirstSequence, counter);
        try
        {
            await WalkOnOwnThreadAsync(walk, command, reader, cancellationToken);
            return walk;
        }
        catch
        {
            walk.Dispose();
            throw;
        }
    }

    private static async Task WalkOnOwnThreadAsync(AuditChainWalk walk, NpgsqlCommand command, NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        // A long walk is a tight loop of parsing and hashing: on a thread of its own with blocking reads it does not
        // hop between pool threads for every network read, which on a small machine costs as much CPU as the hashing.
        // Cancelling cancels the query, which ends a read that is waiting for the server.
        await using var cancel = cancellationToken.Register(command.Cancel);
        try
        {
            await Task.Factory.StartNew(() => walk.Walk(reader, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested && error is not OperationCanceledException)
        {
            throw new OperationCanceledException("Audit verification was cancelled.", error, cancellationToken);
        }
    }

    /// <summary>
    /// The chain's head, its highest stored sequence, for parallel ranges the snapshot they share, and where the
    /// chain starts (read in the same snapshot, so a retention run committing meanwhile cannot look like a gap).
    /// </summary>
    private static async Task<((long Sequence, byte[] Hash)? Head, long Last, string? SnapshotId, AuditChainStart Start)> ReadBoundsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid chain, bool exportSnapshot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT h.last_sequence, h.last_hash, (SELECT max(sequence) FROM audit_entries WHERE merchant_id = $1), {(exportSnapshot ? "pg_export_snapshot()" : "NULL")},
                   r.removed_through_sequence, r.anchor_hash
            FROM (SELECT 1) AS one
            LEFT JOIN audit_chain_heads AS h ON h.merchant_id = $1
            LEFT JOIN LATERAL (SELECT removed_through_sequence, anchor_hash FROM audit_retention_runs
                               WHERE merchant_id = $1 ORDER BY removed_through_sequence DESC LIMIT 1) AS r ON true
            """,
            connection, transaction)
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = chain } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var head = reader.IsDBNull(0) ? ((long, byte[])?)null : (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        var start = reader.IsDBNull(4) ? AuditChainStart.Origin : new AuditChainStart(reader.GetInt64(4) + 1, reader.GetFieldValue<byte[]>(5));
        return (head, reader.IsDBNull(2) ? 0 : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3), start);
    }

    [GeneratedRegex("^[0-9A-F-]+$")]
    private static partial Regex SnapshotId();
}

/// <summary>The result of verifying one chain.</summary>
public sealed record AuditVerification(bool IsIntact, long VerifiedEntries, long? FirstBadSequence, string? Problem)
{
    public static AuditVerification Intact(long entries) => new(true, entries, null, null);

    public static AuditVerification Broken(long verified, long firstBad, string problem) => new(false, verified, firstBad, problem);
}
