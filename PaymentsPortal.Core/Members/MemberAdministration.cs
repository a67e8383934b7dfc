using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Members;

/// <summary>
/// Members of one merchant: list, add, change role, disable. Every operation runs in its own scope
/// for that merchant, so a membership id from another merchant is simply not found.
/// </summary>
public sealed class MemberAdministration(IServiceScopeFactory scopes, TimeProvider clock)
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
        Guid merchantId, string email, string displayName, MerchantRole role)
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
        // New rights must reach sessions the user already has open.
        await users.UpdateSecurityStampAsync(user);
        await tx.CommitAsync();
        return CommandResult.Returning(new AddedMember(membership.Id, user.Email!, provisioned.Value.OneTimePassword));
    }

    public Task<CommandResult> ChangeRoleAsync(Guid merchantId, Guid actorUserId, Guid membershipId, MerchantRole role) =>
        UpdateAsync(merchantId, actorUserId, membershipId, m => m.Role = role, "change your own role");

    public Task<CommandResult> SetDisabledAsync(Guid merchantId, Guid actorUserId, Guid membershipId, bool disabled) =>
        UpdateAsync(merchantId, actorUserId, membershipId, m => m.IsDisabled = disabled, disabled ? "disable yourself" : "enable yourself");

    private async Task<CommandResult> UpdateAsync(
        Guid merchantId, Guid actorUserId, Guid membershipId, Action<MerchantMembership> change, string selfAction)
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

        if (membership.UserId == actorUserId)
        {
            return CommandResult.Fail($"You cannot {selfAction}: ask another admin.");
        }

        change(membership);
        membership.UpdatedAt = clock.GetUtcNow();

        // Checked after the change, under the merchant lock, so two admins cannot demote each other at once.
        var activeAdmins = await db.Memberships.CountAsync(m => m.Role == MerchantRole.Admin && !m.IsDisabled && m.Id != membership.Id)
            + (membership is { Role: MerchantRole.Admin, IsDisabled: false } ? 1 : 0);
        if (activeAdmins == 0)
        {
            return CommandResult.Fail("A merchant must keep at least one active admin.");
        }

        await db.SaveChangesAsync();
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
