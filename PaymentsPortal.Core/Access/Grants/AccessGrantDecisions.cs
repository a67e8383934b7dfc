using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>
/// An admin's decisions on temporary access: approve, deny, revoke early. The decider must be an Admin
/// of the merchant by membership (a temporary Admin cannot approve grants, or elevation could chain) and
/// not the requester. The grant row is locked, so two admins deciding at once cannot both succeed.
/// </summary>
public sealed class AccessGrantDecisions(IServiceScopeFactory scopes, IAuditTrail trail, AccessGrantEvents events, TimeProvider clock)
{
    public Task<CommandResult> ApproveAsync(Guid merchantId, ActingUser admin, Guid grantId, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(merchantId, admin, grantId, AuditAction.AccessGrantApproved, note, reasonRequired: false,
            (db, grant, text, now) => ApproveAsync(db, grant, admin.UserId, text, now, cancellationToken), cancellationToken);

    public Task<CommandResult> DenyAsync(Guid merchantId, ActingUser admin, Guid grantId, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync(merchantId, admin, grantId, AuditAction.AccessGrantDenied, reason, reasonRequired: true, (_, grant, text, now) =>
        {
            if (grant.Status != AccessGrantStatus.Requested)
            {
                return Task.FromResult<string?>(AlreadyDecided(grant, now));
            }

            grant.Deny(admin.UserId, text!, now);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public Task<CommandResult> RevokeAsync(Guid merchantId, ActingUser admin, Guid grantId, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync(merchantId, admin, grantId, AuditAction.AccessGrantRevoked, reason, reasonRequired: true, (_, grant, text, now) =>
        {
            if (!grant.IsActiveAt(now))
            {
                return Task.FromResult<string?>($"This grant is not in force any more ({GrantText.StatusAt(grant.Status, grant.ExpiresAt, now).ToLowerInvariant()}).");
            }

            grant.Revoke(admin.UserId, text!, now);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    private static async Task<string?> ApproveAsync(
        PortalDbContext db, AccessGrant grant, Guid adminId, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (grant.Status != AccessGrantStatus.Requested)
        {
            return AlreadyDecided(grant, now);
        }

        // The request may have gone stale while it waited: the member left, or got the role some other way.
        var requester = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == grant.UserId, cancellationToken);
        if (requester is null || requester.IsDisabled)
        {
            return "The requester is no longer an active member of this merchant; deny the request instead.";
        }

        if (!RoleOrder.IsHigher(grant.Role, requester.Role))
        {
            return $"The requester already holds {requester.Role}; deny the request instead.";
        }

        grant.Approve(adminId, note, now);
        return null;
    }

    private async Task<CommandResult> DecideAsync(
        Guid merchantId, ActingUser admin, Guid grantId, AuditAction action, string? reason, bool reasonRequired,
        Func<PortalDbContext, AccessGrant, string?, DateTimeOffset, Task<string?>> apply, CancellationToken cancellationToken)
    {
        var text = GrantRules.NormalizeReason(reason);
        if (text is null && reasonRequired)
        {
            return CommandResult.Fail("Give a reason; the member and the audit trail will see it.");
        }

        if (text?.Length > GrantRules.TextMaxLength)
        {
            return CommandResult.Fail($"Keep the reason under {GrantRules.TextMaxLength} characters.");
        }

        string? refusal;
        await using (var scope = scopes.CreateForMerchant(merchantId))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var grant = await GrantStore.LockAsync(db, merchantId, grantId, cancellationToken);
            if (grant is null)
            {
                return CommandResult.Fail("That request was not found in this merchant.");
            }

            refusal = await RefusalAsync(db, merchantId, admin, grant, cancellationToken);
            if (refusal is null)
            {
                var now = clock.GetUtcNow();
                var problem = await apply(db, grant, text, now);
                if (problem is not null)
                {
                    return CommandResult.Fail(problem);
                }

                await db.SaveChangesAsync(cancellationToken);
                await GrantStore.AuditAsync(trail, db, grant, action, AuditOutcome.Success, admin.Actor, admin.Origin, text, cancellationToken);
                await tx.CommitAsync(cancellationToken);
                events.Publish(new AccessGrantChange(grant.MerchantId, grant.UserId, grant.Id, grant.Status));
                return CommandResult.Ok;
            }
        }

        // Outside the rolled-back transaction: an attempt beyond one's authority is itself worth recording.
        await RecordRefusalAsync(merchantId, admin, grantId, action, refusal, cancellationToken);
        return CommandResult.Fail(refusal);
    }

    private static async Task<string?> RefusalAsync(PortalDbContext db, Guid merchantId, ActingUser admin, AccessGrant grant, CancellationToken cancellationToken)
    {
        if (grant.UserId == admin.UserId)
        {
            return "You cannot decide on your own access: another admin must.";
        }

        var isAdmin = await db.Memberships.AnyAsync(m => m.UserId == admin.UserId && m.Role == MerchantRole.Admin && !m.IsDisabled, cancellationToken)
            && await db.Merchants.AnyAsync(m => m.Id == merchantId && m.Status == MerchantStatus.Active, cancellationToken);
        return isAdmin ? null : "Only an admin of this merchant by membership (not by a temporary grant) can decide on temporary access.";
    }

    private async Task RecordRefusalAsync(Guid merchantId, ActingUser admin, Guid grantId, AuditAction action, string refusal, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await trail.AppendAsync(db, new AuditRecord(merchantId, action, AuditOutcome.Denied, admin.Actor, GrantStore.TargetType, grantId.ToString(),
            refusal, null, admin.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static string AlreadyDecided(AccessGrant grant, DateTimeOffset now) =>
        $"This request was already decided: it is {GrantText.StatusAt(grant.Status, grant.ExpiresAt, now).ToLowerInvariant()}.";
}
