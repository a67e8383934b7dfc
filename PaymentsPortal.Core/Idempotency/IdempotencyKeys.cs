using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Idempotency;

/// <summary>
/// Claims and completes Idempotency-Keys in PostgreSQL. The claim is one INSERT … ON CONFLICT DO NOTHING, so of
/// fifty concurrent requests with one key exactly one owns it; the others see it in progress or replay its result.
/// </summary>
public sealed class IdempotencyKeys(TimeProvider clock)
{
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered: Stripe's 24 hours, plus a margin for clocks and retries spread over a day.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    /// <summary>A stable fingerprint of a request's parameters (serialised as given; records keep their declared order).</summary>
    public static string Fingerprint<T>(T parameters) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parameters))));

    /// <summary>Key format check: 1–255 printable ASCII characters, as Stripe accepts.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && key.All(c => c is >= '!' and <= '~');

    /// <param name="resourceId">The id the new resource will get if this request owns the key.</param>
    public async Task<IdempotencyClaim> ClaimAsync(
        PortalDbContext db, Guid merchantId, string scope, string key, string fingerprint, Guid resourceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Runs on its own (no caller transaction): the claim must be visible to concurrent duplicates at once.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO idempotency_records (merchant_id, scope, key, fingerprint, resource_id, created_at, expires_at)
            VALUES ({merchantId}, {scope}, {key}, {fingerprint}, {resourceId}, {now}, {now + Retention})
            ON CONFLICT (merchant_id, scope, key) DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.New, resourceId, null);
        }

        var existing = await db.IdempotencyRecords.AsNoTracking()
            .SingleAsync(r => r.MerchantId == merchantId && r.Scope == scope && r.Key == key, cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(existing.Fingerprint), Encoding.ASCII.GetBytes(fingerprint)))
        {
            return new IdempotencyClaim(IdempotencyClaimKind.Mismatch, existing.ResourceId, null);
        }

        return existing.ResultJson is null
            ? new IdempotencyClaim(IdempotencyClaimKind.InProgress, existing.ResourceId, null)
            : new IdempotencyClaim(IdempotencyClaimKind.Replay, existing.ResourceId, existing.ResultJson);
    }

    /// <summary>Stores the result every later replay returns.</summary>
    public async Task CompleteAsync(PortalDbContext db, Guid merchantId, string scope, string key, string resultJson, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE idempotency_records SET result_json = {resultJson}, completed_at = {now}
            WHERE merchant_id = {merchantId} AND scope = {scope} AND key = {key}
            """, cancellationToken);
    }

    /// <summary>Forgets keys past their retention; run by the jobs issue's schedule. Returns how many went.</summary>
    public async Task<int> PurgeExpiredAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE expires_at < {clock.GetUtcNow()}", cancellationToken);
}
