using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Identity;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Users;

/// <summary>
/// Platform-wide account administration: disable or enable an account everywhere, lift a lockout,
/// reset a password or two-factor. Each change and its entry on the platform audit chain commit together.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
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

    public async Task<CommandResult> SetDisabledAsync(ActingUser by, Guid userId, bool disabled)
    {
        if (by.UserId == userId)
        {
            return CommandResult.Fail("You cannot disable your own account.");
        }

        var result = await ChangeAsync(by, userId, disabled ? AuditAction.UserDisabled : AuditAction.UserEnabled, async (users, user) =>
        {
            user.IsDisabled = disabled;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return CommandResult.Failure<string?>("The account changed meanwhile; reload and try again.");
            }

            // A new stamp ends the account's open sessions at their next revalidation.
            await users.UpdateSecurityStampAsync(user);
            return CommandResult.Returning<string?>(null);
        });
        return result.Succeeded ? CommandResult.Ok : CommandResult.Fail(result.Error!);
    }

    /// <summary>
    /// Replaces a forgotten password with a one-time password (shown once to the administrator, who
    /// passes it on through a safe channel). The account's sessions end; the user must choose a new password.
    /// </summary>
    public async Task<CommandResult<string>> ResetPasswordAsync(ActingUser by, Guid userId)
    {
        if (by.UserId == userId)
        {
            return CommandResult.Failure<string>("Change your own password on your account page.");
        }

        var result = await ChangeAsync(by, userId, AuditAction.UserPasswordReset, async (users, user) =>
        {
            var password = OneTimePassword.Generate();
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                return CommandResult.Failure<string?>(string.Join(" ", reset.Errors.Select(e => e.Description)));
            }

            user.MustChangePassword = true;
            await users.UpdateAsync(user);
            return CommandResult.Returning<string?>(password);
        });
        return result.Succeeded ? CommandResult.Returning(result.Value!) : CommandResult.Failure<string>(result.Error!);
    }

    /// <summary>Turns two-factor off for someone who lost their authenticator and recovery codes; they enrol again.</summary>
    public async Task<CommandResult> ResetTwoFactorAsync(ActingUser by, Guid userId)
    {
        if (by.UserId == userId)
        {
            return CommandResult.Fail("Manage your own two-factor settings on your account page.");
        }

        var result = await ChangeAsync(by, userId, AuditAction.UserTwoFactorReset, async (users, user) =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            // A new key makes any old authenticator entry and recovery code useless; it also renews the stamp.
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            return CommandResult.Returning<string?>(null);
        });
        return result.Succeeded ? CommandResult.Ok : CommandResult.Fail(result.Error!);
    }

    public async Task<CommandResult> UnlockAsync(ActingUser by, Guid userId)
    {
        var result = await ChangeAsync(by, userId, AuditAction.UserUnlocked, async (users, user) =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return CommandResult.Returning<string?>(null);
        });
        return result.Succeeded ? CommandResult.Ok : CommandResult.Fail(result.Error!);
    }

    // Identity's UserManager saves through the scope's context, so its writes join this transaction.
    private async Task<CommandResult<string?>> ChangeAsync(
        ActingUser by, Guid userId, AuditAction action, Func<UserManager<PortalUser>, PortalUser, Task<CommandResult<string?>>> change)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return CommandResult.Failure<string?>("That account was not found.");
        }

        var result = await change(users, user);
        if (!result.Succeeded)
        {
            return result;
        }

        await trail.AppendAsync(db, new AuditRecord(null, action, AuditOutcome.Success, by.Actor,
            "user", user.Id.ToString(), null, new { email = user.Email }, by.Origin));
        await tx.CommitAsync();
        return result;
    }
}
