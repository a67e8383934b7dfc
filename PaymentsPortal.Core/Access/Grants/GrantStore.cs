using Microsoft.EntityFrameworkCore;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>Row locks and audit entries shared by the grant use cases, so every step is locked and recorded alike.</summary>
internal static class GrantStore
{
    public const string TargetType = "access_grant";

    public static readonly AuditActor ExpiryActor = AuditActor.System("access-grant-expiry");

    /// <summary>Locks one grant of the scope's merchant until the transaction ends: a second decision waits, then sees the first.</summary>
    public static Task<AccessGrant?> LockAsync(PortalDbContext db, Guid merchantId, Guid grantId, CancellationToken cancellationToken) =>
        db.AccessGrants
            .FromSqlInterpolated($"SELECT * FROM access_grants WHERE merchant_id = {merchantId} AND id = {grantId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);

    public static Task AuditAsync(
        IAuditTrail trail, PortalDbContext db, AccessGrant grant, AuditAction action, AuditOutcome outcome,
        AuditActor actor, AuditOrigin origin, string? reason, CancellationToken cancellationToken) =>
        trail.AppendAsync(db, new AuditRecord(grant.MerchantId, action, outcome, actor, TargetType, grant.Id.ToString(), reason, Details(grant), origin),
            cancellationToken);

    /// <summary>Marks a grant whose time is up as expired, on behalf of the system, in the caller's transaction.</summary>
    public static async Task ExpireAsync(IAuditTrail trail, PortalDbContext db, AccessGrant grant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        grant.Expire(now);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(trail, db, grant, AuditAction.AccessGrantExpired, AuditOutcome.Success, ExpiryActor, AuditOrigin.None, null, cancellationToken);
    }

    // Enough to read the entry on its own: who was elevated, to what, for how long and why.
    private static object Details(AccessGrant grant) => new
    {
        member = grant.UserId,
        role = grant.Role.ToString(),
        standingRole = grant.StandingRole.ToString(),
        durationMinutes = grant.DurationMinutes,
        expiresAt = grant.ExpiresAt,
        justification = grant.Justification,
        status = grant.Status.ToString(),
    };
}
