using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Redaction;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Appends to the audit trail inside the caller's transaction, so an entry exists exactly when the
/// change it describes was committed. Appends to one chain are serialised by a row lock on its head.
/// </summary>
/// <remarks>
/// The append is on every audited path, so it talks to PostgreSQL directly on the context's own connection
/// and transaction: two round trips with prepared statements instead of EF's five (head upsert, locking
/// read, savepoint, insert and update, savepoint release). The head stays locked from the first round
/// trip until the caller commits, so the shorter the append, the more appends one chain can take.
/// </remarks>
public sealed class AuditTrail(TimeProvider clock) : IAuditTrail
{
    private const int MaxText = 2000;

    public async Task<AuditEntry> AppendAsync(PortalDbContext db, AuditRecord record, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Audit entries are written in the transaction of the change they describe; begin one first.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        // Appending used to save the caller's pending changes too (it called SaveChanges); callers may rely on it.
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        // Redacting and serialising before the head is locked keeps the lock, which every append to this chain waits for, short.
        var reason = Clip(SensitiveDataRedactor.Redact(record.Reason));
        var details = record.Details is null ? "{}" : SensitiveDataRedactor.RedactJson(JsonSerializer.Serialize(record.Details));
        var chain = record.MerchantId ?? AuditEntry.PlatformChain;
        var head = await AuditAppendStatements.LockHeadAsync(connection, transaction, chain, cancellationToken);

        // The time is taken under the lock, so that timestamps never go backwards along a chain.

        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            MerchantId = chain,
            Sequence = head.Sequence + 1,
            Id = Guid.CreateVersion7(now),
            // PostgreSQL keeps microseconds; hashing the same precision keeps verification exact.
            OccurredAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero),
            ActorType = record.Actor.Type,
            ActorId = record.Actor.Id,
            ActorName = Clip(record.Actor.Name) ?? "",
            Action = record.Action,
            TargetType = Clip(record.TargetType),
            TargetId = Clip(record.TargetId),
            Outcome = record.Outcome,
            IpAddress = Clip(record.Origin?.IpAddress),
            UserAgent = Clip(record.Origin?.UserAgent),
            Reason = reason,
            Details = details,
            PreviousHash = head.Hash,
        };
        entry.Hash = AuditHasher.Compute(entry, head.Hash);

        await AuditAppendStatements.InsertAsync(connection, transaction, entry, cancellationToken);
        return entry;
    }

    private static string? Clip(string? value) =>
        string.IsNullOrEmpty(value) ? value : value.Length <= MaxText ? value : value[..MaxText];
}
