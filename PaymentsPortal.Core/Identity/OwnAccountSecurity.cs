using Microsoft.AspNetCore.Identity;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;

namespace PaymentsPortal.Core.Identity;

/// <summary>
/// A user changing their own password or second factor. Identity saves through the request's context,
/// so each change and its audit entry (on the platform chain: they belong to the account) commit together.
/// Failed attempts are recorded too: they may be someone trying a stolen session.
/// </summary>
public sealed class OwnAccountSecurity(UserManager<PortalUser> users, PortalDbContext db, IAuditTrail trail)
{
    public async Task<IdentityResult> ChangePasswordAsync(PortalUser user, string currentPassword, string newPassword, AuditOrigin origin)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var wasForced = user.MustChangePassword;
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded)
        {
            user.MustChangePassword = false;
            result = await users.UpdateAsync(user);
        }

        await AppendAsync(user, AuditAction.PasswordChanged, result, origin, new { replaced_one_time_password = wasForced });
        await tx.CommitAsync();
        return result;
    }

    /// <summary>Turns two-factor on when the code proves the authenticator holds the key; returns the new recovery codes.</summary>
    public async Task<IReadOnlyList<string>?> EnableTwoFactorAsync(PortalUser user, string code, AuditOrigin origin)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        IReadOnlyList<string>? codes = null;
        if (valid)
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!];
        }

        await AppendAsync(user, AuditAction.TwoFactorEnabled, valid ? IdentityResult.Success : InvalidCode, origin, new { method = "totp" });
        await tx.CommitAsync();
        return codes;
    }

    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(PortalUser user, AuditOrigin origin)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        IReadOnlyList<string> codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!];
        await AppendAsync(user, AuditAction.RecoveryCodesRegenerated, IdentityResult.Success, origin, new { count = codes.Count });
        await tx.CommitAsync();
        return codes;
    }

    public async Task DisableTwoFactorAsync(PortalUser user, AuditOrigin origin)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key makes the old authenticator entry useless should two-factor be turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await AppendAsync(user, AuditAction.TwoFactorDisabled, IdentityResult.Success, origin, null);
        await tx.CommitAsync();
    }

    private static IdentityResult InvalidCode { get; } = IdentityResult.Failed(new IdentityError { Code = "InvalidCode", Description = "The code was not valid." });

    private Task<AuditEntry> AppendAsync(PortalUser user, AuditAction action, IdentityResult result, AuditOrigin origin, object? details) =>
        trail.AppendAsync(db, new AuditRecord(null, action, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure,
            AuditActor.User(user.Id, user.DisplayName), "user", user.Id.ToString(), null,
            result.Succeeded ? details : new { errors = result.Errors.Select(e => e.Code).ToArray(), attempt = details },
            origin));
}
