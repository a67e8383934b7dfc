using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Identity;

/// <summary>Creates (or promotes) a platform administrator from the command line: how a real installation gets its first one.</summary>
public sealed class PlatformAdminBootstrap(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<CommandResult<ProvisionedUser>> CreateAsync(string email, string displayName)
    {
        await using var scope = scopes.CreateForPlatform();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var provisioned = await UserProvisioning.FindOrCreateAsync(users, email, displayName, clock);
        if (!provisioned.Succeeded)
        {
            return provisioned;
        }

        var user = provisioned.Value!.User;
        if (!user.IsPlatformAdmin)
        {
            user.IsPlatformAdmin = true;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            // Whoever has shell access to the server did this; the operating system's own logs say who.
            await trail.AppendAsync(db, new AuditRecord(null, AuditAction.PlatformAdminCreated, AuditOutcome.Success,
                AuditActor.System("command line: create-platform-admin"), "user", user.Id.ToString(), null,
                new { email = user.Email, new_account = provisioned.Value.OneTimePassword is not null }, AuditOrigin.None));
        }

        await tx.CommitAsync();
        return provisioned;
    }

    public async Task<bool> AnyAsync()
    {
        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.Users.AnyAsync(u => u.IsPlatformAdmin);
    }
}
