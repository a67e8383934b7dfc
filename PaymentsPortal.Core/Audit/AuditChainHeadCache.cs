using System.Collections.Concurrent;
using Npgsql;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Where this process last left each chain's head: the guess that lets an append write in one round trip.
/// Only a guess: another instance, or a caller that rolled back, may have moved the head since; the
/// database checks it on every append, and a wrong guess only costs the locking path.
/// </summary>
internal sealed class AuditChainHeadCache
{
    private readonly ConcurrentDictionary<(string? Server, string Database, Guid Chain), (long Sequence, byte[] Hash)> heads = new();

    public static (string? Server, string Database, Guid Chain) Key(NpgsqlConnection connection, Guid chain) =>
        (connection.DataSource, connection.Database, chain);

    public bool TryGet((string? Server, string Database, Guid Chain) key, out (long Sequence, byte[] Hash) head) => heads.TryGetValue(key, out head);

    /// <summary>Set as soon as an entry is written, before its transaction commits: the next append to the chain most likely follows it.</summary>
    public void Set((string? Server, string Database, Guid Chain) key, AuditEntry entry) => heads[key] = (entry.Sequence, entry.Hash);
}
