using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Audit.Checkpoints;

/// <summary>
/// Owns the checkpoint signing keys: creates the first one on demand, rotates, and signs. The private key
/// is stored only encrypted by Data Protection under its own purpose, opened for one signature and wiped
/// again; it is never returned, logged or exported.
/// </summary>
internal sealed class CheckpointSigningKeys(
    IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, IAuditTrail trail, TimeProvider clock, ILogger<CheckpointSigningKeys> logger)
{
    /// <summary>A purpose of its own, so no other protector in the app can open these keys (nor these protect anything else).</summary>
    internal const string ProtectionPurpose = "PaymentsPortal.Audit.Checkpoints.SigningKey.v1";

    // Serialises key creation and rotation across instances; a partial unique index also allows one active key only.
    private const long KeyLock = 0x5050_4155_4B45_5901;

    private readonly IDataProtector protector = dataProtection.CreateProtector(ProtectionPurpose);

    /// <summary>The active key, created (in its own committed transaction) if there is none yet.</summary>
    public async Task<AuditSigningKey> EnsureActiveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (await FindActiveAsync(db, cancellationToken) is { } active)
        {
            return active;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyLock})", cancellationToken);
        if (await FindActiveAsync(db, cancellationToken) is { } createdMeanwhile)
        {
            return createdMeanwhile;
        }

        var key = await CreateAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        LogCreated(key);
        return key;
    }

    /// <summary>
    /// Retires the active key and creates its successor, recorded on the platform chain in the same
    /// transaction. Retired keys stay, so the checkpoints they signed still verify.
    /// </summary>
    public async Task<AuditSigningKey> RotateAsync(AuditActor actor, AuditOrigin origin, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyLock})", cancellationToken);
        var retired = await FindActiveAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        await db.AuditSigningKeys.Where(k => k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), cancellationToken);
        var key = await CreateAsync(db, cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(null, AuditAction.AuditSigningKeyRotated, AuditOutcome.Success, actor,
            "audit_signing_key", key.Id.ToString(), null, new { retired_key = retired?.Id }, origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        LogCreated(key);
        return key;
    }

    public byte[] Sign(AuditSigningKey key, byte[] data)
    {
        var pkcs8 = protector.Unprotect(key.ProtectedPrivateKey);
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return ecdsa.SignData(data, HashAlgorithmName.SHA256, CheckpointSignatures.Format);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static Task<AuditSigningKey?> FindActiveAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.AuditSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.RetiredAt == null, cancellationToken);

    private async Task<AuditSigningKey> CreateAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        AuditSigningKey key;
        try
        {
            var now = clock.GetUtcNow();
            key = new AuditSigningKey
            {
                Id = Guid.CreateVersion7(now),
                CreatedAt = Microseconds.Truncate(now),
                PublicKeyPem = ecdsa.ExportSubjectPublicKeyInfoPem(),
                ProtectedPrivateKey = protector.Protect(pkcs8),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        db.AuditSigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    // The public key in the logs is a witness outside the database that this key was ours and when it began.
    private void LogCreated(AuditSigningKey key) =>
        logger.LogInformation("Audit checkpoint signing key {KeyId} created at {CreatedAt:O}; public key:\n{PublicKeyPem}",
            key.Id, key.CreatedAt, key.PublicKeyPem);
}
