using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PaymentsPortal.Benchmarks;

/// <summary>
/// The verification's ceiling on this machine: PostgreSQL streaming the rows the verifier reads, over as
/// many connections as it uses, to a client that only discards the bytes. Verification cannot be faster
/// than the database alone delivers its rows, so this is the baseline its speed is compared with.
/// </summary>
internal static class ChainReadCeiling
{
    // The columns AuditVerifier reads for every entry, in its order.
    private const string Columns =
        "sequence, previous_hash, id, occurred_at, actor_type, actor_id, actor_name, action, target_type, target_id, " +
        "outcome, ip_address, user_agent, reason, details, hash";

    // The verifier's own split: up to one range per core (at most 4), each at least 100,000 entries long.
    public static int Connections(long entries) => (int)Math.Clamp(entries / 100_000, 1, Math.Clamp(Environment.ProcessorCount, 1, 4));

    /// <summary>How long streaming the whole chain took, over <see cref="Connections"/> connections at once.</summary>
    public static async Task<TimeSpan> StreamAsync(string connectionString, Guid chain, long entries, CancellationToken cancellationToken)
    {
        var connections = Connections(entries);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Factory.StartNew(
            () => Drain(connectionString, chain, entries * i / connections, entries * (i + 1) / connections),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        return watch.Elapsed;
    }

    private static void Drain(string connectionString, Guid chain, long after, long through)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var stream = connection.BeginRawBinaryCopy(string.Create(CultureInfo.InvariantCulture,
            $"COPY (SELECT {Columns} FROM audit_entries WHERE merchant_id = '{chain:D}' AND sequence > {after} AND sequence <= {through} ORDER BY sequence) TO STDOUT (FORMAT BINARY)"));
        var buffer = new byte[256 * 1024];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }
}
