using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Users;

/// <summary>Platform-wide account administration: disable or enable an account everywhere, lift a lockout.</summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        // Membership counts across tenants are the platform's view; no merchant data is read.
        return await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new UserRow(u.Id, u.Email!, u.DisplayName, u.IsPlatformAdmin, u.IsDisabled, u.TwoFactorEnabled,
                u.LockoutEnd != null && u.LockoutEnd > now,
                db.Memberships.IgnoreQueryFilters().Count(m => m.UserId == u.Id && !m.IsDisabled),
                u.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommandResult> SetDisabledAsync(Guid actorUserId, Guid userId, bool disabled)
    {
        if (actorUserId == userId)
        {
            return CommandResult.Fail("You cannot disable your own account.");
        }

        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult.Fail("That account was not found.");
        }

        user.IsDisabled = disabled;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return CommandResult.Fail("The account changed meanwhile; reload and try again.");
        }

        // A new stamp ends the account's open sessions at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        return CommandResult.Ok;
    }

    /// <summary>
    /// Replaces a forgotten password with a one-time password (shown once to the administrator, who
    /// passes it on through a safe channel). The account's sessions end; the user must choose a new password.
    /// </summary>
    public async Task<CommandResult<string>> ResetPasswordAsync(Guid actorUserId, Guid userId)
    {
        if (actorUserId == userId)
        {
            return CommandResult.Failure<string>("Change your own password on your account page.");
        }

        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult.Failure<string>("That account was not found.");
        }

        var password = OneTimePassword.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return CommandResult.Failure<string>(string.Join(" ", reset.Errors.Select(e => e.Description)));
        }

        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        return CommandResult.Returning(password);
    }

    /// <summary>Turns two-factor off for someone who lost their authenticator and recovery codes; they enrol again.</summary>
    public async Task<CommandResult> ResetTwoFactorAsync(Guid actorUserId, Guid userId)
    {
        if (actorUserId == userId)
        {
            return CommandResult.Fail("Manage your own two-factor settings on your account page.");
        }

        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult.Fail("That account was not found.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key makes any old authenticator entry and recovery code useless; it also renews the stamp.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return CommandResult.Ok;
    }

    public async Task<CommandResult> UnlockAsync(Guid userId)
    {
        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult.Fail("That account was not found.");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return CommandResult.Ok;
    }
}
