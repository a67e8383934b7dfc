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
/// and transaction. EF took five round trips (head upsert, locking read, savepoint, insert and update,
/// savepoint release); this takes one when it guesses the head right, two when not. The head stays locked
/// from the write until the caller commits, and the shorter that is, the more appends one chain can take.
/// </remarks>
public sealed class AuditTrail(TimeProvider clock) : IAuditTrail
{
    private const int MaxText = 2000;

    private readonly AuditChainHeadCache heads = new();

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

        var content = Content.From(record);
        var key = AuditChainHeadCache.Key(connection, content.Chain);
        if (heads.TryGet(key, out var guess))
        {
            var entry = NewEntry(content, guess);
            if (await AuditAppendStatements.TryAppendAfterAsync(connection, transaction, entry, cancellationToken))
            {
                heads.Set(key, entry);
                return entry;
            }
        }

        // No guess, or the head moved on: lock it, read where it is, and append after it.
        var head = await AuditAppendStatements.LockHeadAsync(connection, transaction, content.Chain, cancellationToken);
        var locked = NewEntry(content, head);
        await AuditAppendStatements.InsertAsync(connection, transaction, locked, cancellationToken);
        heads.Set(key, locked);
        return locked;
    }

    private AuditEntry NewEntry(Content content, (long Sequence, byte[] Hash) previous)
    {
        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            MerchantId = content.Chain,
            Sequence = previous.Sequence + 1,
            Id = Guid.CreateVersion7(now),
            // PostgreSQL keeps microseconds; hashing the same precision keeps verification exact.
            OccurredAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero),
            ActorType = content.Record.Actor.Type,
            ActorId = content.Record.Actor.Id,
            ActorName = Clip(content.Record.Actor.Name) ?? "",
            Action = content.Record.Action,
            TargetType = Clip(content.Record.TargetType),
            TargetId = Clip(content.Record.TargetId),
            Outcome = content.Record.Outcome,
            IpAddress = Clip(content.Record.Origin?.IpAddress),
            UserAgent = Clip(content.Record.Origin?.UserAgent),
            Reason = content.Reason,
            Details = content.Details,
            PreviousHash = previous.Hash,
        };
        entry.Hash = AuditHasher.Compute(entry, previous.Hash);
        return entry;
    }

    private static string? Clip(string? value) =>
        string.IsNullOrEmpty(value) ? value : value.Length <= MaxText ? value : value[..MaxText];

    /// <summary>The record redacted and serialised once, whichever way the append goes.</summary>
    private sealed record Content(Guid Chain, AuditRecord Record, string? Reason, string Details)
    {
        public static Content From(AuditRecord record) => new(
            record.MerchantId ?? AuditEntry.PlatformChain,
            record,
            Clip(SensitiveDataRedactor.Redact(record.Reason)),
            record.Details is null ? "{}" : SensitiveDataRedactor.RedactJson(JsonSerializer.Serialize(record.Details)));
    }
}
