using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Identity.StepUp;

/// <summary>
/// Re-authentication before a sensitive action: the password or an authenticator code again, unless
/// this sign-in session already gave one in the last <see cref="Window"/>. Failures count toward the
/// same lockout as sign-in; every attempt is audited on the platform chain, like sign-in.
/// </summary>
public sealed class StepUpAuthentication(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int MaxSecretLength = 256;

    /// <summary>Whether this session stepped up within the window, so the action may go ahead without asking.</summary>
    public async Task<bool> IsFreshAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var since = clock.GetUtcNow() - Window;
        return await db.StepUps.AnyAsync(s => s.UserId == userId && s.SessionId == sessionId && s.SteppedUpAt > since, cancellationToken);
    }

    /// <summary>The ways this user can step up: the password always, an authenticator code once enrolled.</summary>
    public async Task<IReadOnlyList<StepUpMethod>> MethodsAsync(Guid userId)
    {
        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        return user is { TwoFactorEnabled: true } ? [StepUpMethod.AuthenticatorCode, StepUpMethod.Password] : [StepUpMethod.Password];
    }

    /// <param name="purpose">What the user is about to do, for the audit entry ("Approve temporary access").</param>
    public async Task<StepUpResult> VerifyAsync(
        ActingUser actor, Guid sessionId, StepUpMethod method, string secret, string purpose, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(actor.UserId.ToString());
        if (user is null || user.IsDisabled)
        {
            return new StepUpResult(StepUpOutcome.Rejected, "Your account cannot be used any more.");
        }

        var details = new { method = method.ToString(), purpose };
        if (await users.IsLockedOutAsync(user))
        {
            await RecordAsync(db, actor, AuditAction.StepUpFailed, AuditOutcome.Denied, new { details.method, details.purpose, lockedOut = true }, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return LockedOut;
        }

        if (await IsCorrectAsync(users, user, method, secret))
        {
            if (await users.GetAccessFailedCountAsync(user) > 0)
            {
                await users.ResetAccessFailedCountAsync(user);
            }

            var now = clock.GetUtcNow();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO step_ups (user_id, session_id, stepped_up_at, method) VALUES ({user.Id}, {sessionId}, {now}, {method.ToString()})
                ON CONFLICT (user_id, session_id) DO UPDATE SET stepped_up_at = excluded.stepped_up_at, method = excluded.method
                """, cancellationToken);
            await RecordAsync(db, actor, AuditAction.StepUpSucceeded, AuditOutcome.Success, details, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return StepUpResult.Verified;
        }

        await users.AccessFailedAsync(user);
        await RecordAsync(db, actor, AuditAction.StepUpFailed, AuditOutcome.Failure, details, cancellationToken);
        if (await users.IsLockedOutAsync(user))
        {
            // Someone guessing in an open session is put out of it, not merely refused.
            await users.UpdateSecurityStampAsync(user);
            await RecordAsync(db, actor, AuditAction.LockedOut, AuditOutcome.Denied, details, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return LockedOut;
        }

        await tx.CommitAsync(cancellationToken);
        return new StepUpResult(StepUpOutcome.Rejected, method == StepUpMethod.Password
            ? "That password is not correct."
            : "That code is not valid. Codes change every 30 seconds, and each works once.");
    }

    /// <summary>Forgets step-ups long past their window; they are of no use and name sessions.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = clock.GetUtcNow() - TimeSpan.FromDays(1);
        return await db.StepUps.Where(s => s.SteppedUpAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static StepUpResult LockedOut { get; } = new(StepUpOutcome.LockedOut,
        "Too many failed attempts: the account is locked for a while and this session is ending.");

    private static async Task<bool> IsCorrectAsync(UserManager<PortalUser> users, PortalUser user, StepUpMethod method, string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength)
        {
            return false;
        }

        return method switch
        {
            StepUpMethod.Password => await users.CheckPasswordAsync(user, secret),
            // The replay-protected provider: a code already used (at sign-in or an earlier step-up) is refused.
            StepUpMethod.AuthenticatorCode => user.TwoFactorEnabled && await users.VerifyTwoFactorTokenAsync(
                user, users.Options.Tokens.AuthenticatorTokenProvider,
                secret.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)),
        };
    }

    private Task<AuditEntry> RecordAsync(PortalDbContext db, ActingUser actor, AuditAction action, AuditOutcome outcome, object details, CancellationToken cancellationToken) =>
        trail.AppendAsync(db, new AuditRecord(null, action, outcome, actor.Actor, "user", actor.UserId.ToString(), null, details, actor.Origin), cancellationToken);
}
