using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Members;

/// <summary>
/// Members of one merchant: list, add, change role, disable. Every operation runs in its own scope
/// for that merchant, so a membership id from another merchant is simply not found.
/// </summary>
public sealed class MemberAdministration(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<IReadOnlyList<MemberRow>> ListAsync(Guid merchantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        return await db.Memberships.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.DisplayName)
            .Select(x => new MemberRow(
                x.m.Id, x.u.Id, x.u.Email!, x.u.DisplayName, x.m.Role, x.m.IsDisabled, x.u.TwoFactorEnabled,
                x.u.LockoutEnd != null && x.u.LockoutEnd > now, x.m.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommandResult<AddedMember>> AddAsync(
        Guid merchantId, ActingUser by, string email, string displayName, MerchantRole role)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockMerchantAsync(db, merchantId);

        var provisioned = await UserProvisioning.FindOrCreateAsync(users, email, displayName, clock);
        if (!provisioned.Succeeded)
        {
            return CommandResult.Failure<AddedMember>(provisioned.Error!);
        }

        var user = provisioned.Value!.User;
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id))
        {
            return CommandResult.Failure<AddedMember>($"{user.Email} is already a member of this merchant.");
        }

        var now = clock.GetUtcNow();
        var membership = new MerchantMembership
        {
            MerchantId = merchantId,
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            Role = role,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, AuditAction.MemberAdded, AuditOutcome.Success, by.Actor,
            "membership", membership.Id.ToString(), null,
            new { user_id = user.Id, email = user.Email, role = role.ToString(), new_account = provisioned.Value.OneTimePassword is not null },
            by.Origin));
        // New rights must reach sessions the user already has open.
        await users.UpdateSecurityStampAsync(user);
        await tx.CommitAsync();
        return CommandResult.Returning(new AddedMember(membership.Id, user.Email!, provisioned.Value.OneTimePassword));
    }

    public Task<CommandResult> ChangeRoleAsync(Guid merchantId, ActingUser by, Guid membershipId, MerchantRole role) =>
        UpdateAsync(merchantId, by, membershipId, "change your own role", m =>
        {
            var before = m.Role;
            m.Role = role;
            return (AuditAction.MemberRoleChanged, new { from = before.ToString(), to = role.ToString() });
        });

    public Task<CommandResult> SetDisabledAsync(Guid merchantId, ActingUser by, Guid membershipId, bool disabled) =>
        UpdateAsync(merchantId, by, membershipId, disabled ? "disable yourself" : "enable yourself", m =>
        {
            m.IsDisabled = disabled;
            return (disabled ? AuditAction.MemberDisabled : AuditAction.MemberEnabled, new { role = m.Role.ToString() });
        });

    private async Task<CommandResult> UpdateAsync(
        Guid merchantId, ActingUser by, Guid membershipId, string selfAction, Func<MerchantMembership, (AuditAction Action, object Details)> change)
    {
        await using var scope = scopes.CreateForMerchant(merchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await LockMerchantAsync(db, merchantId);

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId);
        if (membership is null)
        {
            return CommandResult.Fail("That member was not found in this merchant.");
        }

        if (membership.UserId == by.UserId)
        {
            return CommandResult.Fail($"You cannot {selfAction}: ask another admin.");
        }

        var (action, details) = change(membership);
        membership.UpdatedAt = clock.GetUtcNow();

        // Checked after the change, under the merchant lock, so two admins cannot demote each other at once.
        var activeAdmins = await db.Memberships.CountAsync(m => m.Role == MerchantRole.Admin && !m.IsDisabled && m.Id != membership.Id)
            + (membership is { Role: MerchantRole.Admin, IsDisabled: false } ? 1 : 0);
        if (activeAdmins == 0)
        {
            return CommandResult.Fail("A merchant must keep at least one active admin.");
        }

        await db.SaveChangesAsync();
        await trail.AppendAsync(db, new AuditRecord(merchantId, action, AuditOutcome.Success, by.Actor,
            "membership", membership.Id.ToString(), null, new { user_id = membership.UserId, change = details }, by.Origin));
        var user = await users.FindByIdAsync(membership.UserId.ToString());
        if (user is not null)
        {
            // A new security stamp ends the member's open sessions at their next revalidation.
            await users.UpdateSecurityStampAsync(user);
        }

        await tx.CommitAsync();
        return CommandResult.Ok;
    }

    private static async Task LockMerchantAsync(PortalDbContext db, Guid merchantId) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM merchants WHERE id = {merchantId} FOR UPDATE");
}
