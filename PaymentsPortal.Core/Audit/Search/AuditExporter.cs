using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit.Checkpoints;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Search;

/// <summary>
/// Streams a filtered range of one chain as CSV or JSON, oldest first, in constant memory. The export is
/// recorded on the chain before the first byte is written: the intent to take the data is what matters.
/// </summary>
public sealed class AuditExporter(IServiceScopeFactory scopes, AuditAccessLog accessLog, AuditCheckpoints checkpoints, TimeProvider clock)
{
    private static readonly string[] CsvColumns =
    [
        "sequence", "id", "occurred_at", "actor_type", "actor_id", "actor_name", "action_code", "action", "target_type",
        "target_id", "outcome", "ip_address", "user_agent", "reason", "details", "previous_hash", "hash",
    ];

    public static string FileName(Guid chain, AuditExportFormat format, DateTimeOffset at) =>
        $"audit-{AuditAccessLog.ChainName(chain)}-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.{(format == AuditExportFormat.Csv ? "csv" : "json")}";

    public async Task<long> ExportAsync(
        Guid chain, AuditFilter filter, AuditExportFormat format, Stream output, ActingUser by, CancellationToken cancellationToken = default)
    {
        await accessLog.RecordExportedAsync(chain, by, filter, format.ToString().ToLowerInvariant());

        await using var scope = chain == AuditEntry.PlatformChain ? scopes.CreateForPlatform() : scopes.CreateForMerchant(chain);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.MerchantId == chain, cancellationToken);
        var entries = AuditQueryable.Chain(db, chain).Apply(filter).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return format == AuditExportFormat.Csv
            ? await WriteCsvAsync(entries, output, cancellationToken)
            : await WriteJsonAsync(chain, filter, head, by, entries, output, cancellationToken);
    }

    private static async Task<long> WriteCsvAsync(IAsyncEnumerable<AuditEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', CsvColumns));
        long count = 0;
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            string?[] cells =
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.Id.ToString(), Timestamp(e.OccurredAt), e.ActorType.ToString(),
                e.ActorId, e.ActorName, ((int)e.Action).ToString(CultureInfo.InvariantCulture), e.Action.ToString(), e.TargetType,
                e.TargetId, e.Outcome.ToString(), e.IpAddress, e.UserAgent, e.Reason, e.Details,
                Convert.ToHexStringLower(e.PreviousHash), Convert.ToHexStringLower(e.Hash),
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(CsvCell.Format)));
            if (++count % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private async Task<long> WriteJsonAsync(
        Guid chain, AuditFilter filter, AuditChainHead? head, ActingUser by, IAsyncEnumerable<AuditEntry> entries, Stream output,
        CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", "paymentsportal-audit-export/1");
        json.WriteString("chain", AuditAccessLog.ChainName(chain));
        json.WriteString("exported_at", Timestamp(clock.GetUtcNow()));
        json.WriteString("exported_by", by.DisplayName);
        json.WriteString("hash_algorithm", "sha256, canonical form v1 (see README: Audit trail)");
        // Written by hand: the serializer would flush synchronously, which a streamed HTTP response refuses.
        json.WriteStartObject("filter");
        foreach (var (name, value) in AuditAccessLog.Describe(filter))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WritePropertyName("chain_head");
        json.WriteStartObject();
        json.WriteNumber("sequence", head?.LastSequence ?? 0);
        json.WriteString("hash", Convert.ToHexStringLower(head?.LastHash ?? []));
        json.WriteEndObject();
        json.WriteStartArray("entries");
        long count = 0;
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            WriteEntry(json, e);
            if (++count % 1000 == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteNumber("entry_count", count);
        // The latest signed checkpoint of this chain with its Merkle path: an auditor who keeps this file can
        // later prove the chain was not rewritten up to that checkpoint's head (README: verify-checkpoint).
        json.WritePropertyName("checkpoint");
        if (await checkpoints.ProofForAsync(chain, cancellationToken) is { } proof)
        {
            json.WriteRawValue(proof.ToJson());
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteEntry(Utf8JsonWriter json, AuditEntry e)
    {
        json.WriteStartObject();
        json.WriteString("merchant_id", e.MerchantId.ToString("D"));
        json.WriteNumber("sequence", e.Sequence);
        json.WriteString("id", e.Id.ToString("D"));
        json.WriteString("occurred_at", Timestamp(e.OccurredAt));
        json.WriteNumber("actor_type", (int)e.ActorType);
        json.WriteString("actor_id", e.ActorId);
        json.WriteString("actor_name", e.ActorName);
        json.WriteNumber("action", (int)e.Action);
        json.WriteString("action_name", e.Action.ToString());
        json.WriteString("target_type", e.TargetType);
        json.WriteString("target_id", e.TargetId);
        json.WriteNumber("outcome", (int)e.Outcome);
        json.WriteString("ip_address", e.IpAddress);
        json.WriteString("user_agent", e.UserAgent);
        json.WriteString("reason", e.Reason);
        json.WriteString("details", e.Details);
        json.WriteString("previous_hash", Convert.ToHexStringLower(e.PreviousHash));
        json.WriteString("hash", Convert.ToHexStringLower(e.Hash));
        json.WriteEndObject();
    }

    // The exact form the hash covers, so an auditor can recompute it from the export.
    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
