using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Redaction;

namespace PaymentsPortal.Core.Audit;

/// <summary>
/// Appends to the audit trail inside the caller's transaction, so an entry exists exactly when the
/// change it describes was committed. Appends to one chain are serialised by a row lock on its head.
/// </summary>
public sealed class AuditTrail(TimeProvider clock) : IAuditTrail
{
    private const int MaxText = 2000;

    public async Task<AuditEntry> AppendAsync(PortalDbContext db, AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are written in the transaction of the change they describe; begin one first.");
        }

        var chain = record.MerchantId ?? AuditEntry.PlatformChain;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO audit_chain_heads (merchant_id, last_sequence, last_hash) VALUES ({chain}, 0, {Array.Empty<byte>()}) ON CONFLICT (merchant_id) DO NOTHING",
            cancellationToken);
        var head = await db.AuditChainHeads
            .FromSqlInterpolated($"SELECT * FROM audit_chain_heads WHERE merchant_id = {chain} FOR UPDATE")
            .SingleAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            MerchantId = chain,
            Sequence = head.LastSequence + 1,
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
            Reason = Clip(SensitiveDataRedactor.Redact(record.Reason)),
            Details = record.Details is null ? "{}" : SensitiveDataRedactor.RedactJson(JsonSerializer.Serialize(record.Details)),
            PreviousHash = head.LastHash,
        };
        entry.Hash = AuditHasher.Compute(entry, head.LastHash);

        head.LastSequence = entry.Sequence;
        head.LastHash = entry.Hash;
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    private static string? Clip(string? value) =>
        string.IsNullOrEmpty(value) ? value : value.Length <= MaxText ? value : value[..MaxText];
}
