using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Access.Grants;

/// <summary>What a member does with their own temporary access: ask for it, withdraw the request, give it up early.</summary>
public sealed class AccessGrantRequests(
    IServiceScopeFactory scopes,
    IAuditTrail trail,
    AccessGrantEvents events,
    TimeProvider clock,
    IOptions<SecurityOptions> security,
    IOptions<PortalOptions> portal)
{
    public async Task<CommandResult<Guid>> RequestAsync(
        Guid merchantId, ActingUser requester, MerchantRole role, TimeSpan duration, string? justification,
        CancellationToken cancellationToken = default)
    {
        if (!GrantRules.IsAllowedDuration(duration))
        {
            return CommandResult.Failure<Guid>("Choose a duration between 15 minutes and 8 hours.");
        }

        var text = GrantRules.NormalizeJustification(justification);
        if (text is null)
        {
            return CommandResult.Failure<Guid>(
                $"Explain why you need it, in {GrantRules.JustificationMinLength} to {GrantRules.TextMaxLength} characters.");
        }

        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locking the membership serialises this member's requests with each other and with a change of their role.
        var membership = await db.Memberships
            .FromSqlInterpolated($"SELECT * FROM merchant_memberships WHERE merchant_id = {merchantId} AND user_id = {requester.UserId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        var merchantActive = await db.Merchants.AnyAsync(m => m.Id == merchantId && m.Status == MerchantStatus.Active, cancellationToken);
        if (membership is null || membership.IsDisabled || !merchantActive)
        {
            return CommandResult.Failure<Guid>("Only an active member of this merchant can ask for temporary access.");
        }

        if (!RoleOrder.IsHigher(role, membership.Role))
        {
            return CommandResult.Failure<Guid>($"You already hold {membership.Role}; ask for a higher role.");
        }

        if (PermissionMatrix.IsPrivileged(role) && security.Value.TwoFactorRequired(portal.Value.Mode)
            && !await db.Users.AnyAsync(u => u.Id == requester.UserId && u.TwoFactorEnabled, cancellationToken))
        {
            return CommandResult.Failure<Guid>($"The {role} role requires two-factor authentication: set it up on your account page first.");
        }

        var now = clock.GetUtcNow();
        var changes = new List<AccessGrant>();
        var open = await db.AccessGrants
            .FromSqlInterpolated(
                $"SELECT * FROM access_grants WHERE merchant_id = {merchantId} AND user_id = {requester.UserId} AND status IN ('Requested', 'Approved') FOR UPDATE")
            .ToListAsync(cancellationToken);
        foreach (var existing in open)
        {
            if (!existing.IsDueToExpireAt(now))
            {
                return CommandResult.Failure<Guid>(existing.Status == AccessGrantStatus.Requested
                    ? "You already have a request waiting for an admin; cancel it to ask for something else."
                    : $"You already hold {existing.Role} until {GrantText.Utc(existing.ExpiresAt!.Value)}; give it up first to ask for something else.");
            }

            // Its time is up but the sweep has not recorded it yet: record it now, so the history stays in order.
            await GrantStore.ExpireAsync(trail, db, existing, now, cancellationToken);
            changes.Add(existing);
        }

        var grant = AccessGrant.Request(merchantId, requester.UserId, membership.Role, role, duration, text, now);
        db.AccessGrants.Add(grant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            return CommandResult.Failure<Guid>("You already have an open request for this merchant.");
        }

        await GrantStore.AuditAsync(trail, db, grant, AuditAction.AccessGrantRequested, AuditOutcome.Success,
            requester.Actor, requester.Origin, text, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        changes.Add(grant);
        changes.ForEach(g => events.Publish(new AccessGrantChange(g.MerchantId, g.UserId, g.Id, g.Status)));
        return CommandResult.Returning(grant.Id);
    }

    /// <summary>Withdraws a pending request, or gives up a grant in force before its time (least privilege: done is done).</summary>
    public async Task<CommandResult> CancelAsync(Guid merchantId, ActingUser requester, Guid grantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var grant = await GrantStore.LockAsync(db, merchantId, grantId, cancellationToken);
        if (grant is null || grant.UserId != requester.UserId)
        {
            return CommandResult.Fail("That request was not found.");
        }

        var now = clock.GetUtcNow();
        if (grant.Status != AccessGrantStatus.Requested && !grant.IsActiveAt(now))
        {
            return CommandResult.Fail($"That request is already {GrantText.StatusAt(grant.Status, grant.ExpiresAt, now).ToLowerInvariant()}.");
        }

        grant.Cancel(requester.UserId, now);
        await db.SaveChangesAsync(cancellationToken);
        await GrantStore.AuditAsync(trail, db, grant, AuditAction.AccessGrantCanceled, AuditOutcome.Success,
            requester.Actor, requester.Origin, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        events.Publish(new AccessGrantChange(grant.MerchantId, grant.UserId, grant.Id, grant.Status));
        return CommandResult.Ok;
    }
}
