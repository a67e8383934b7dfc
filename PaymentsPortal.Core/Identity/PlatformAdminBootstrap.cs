using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Identity;

/// <summary>Creates (or promotes) a platform administrator from the command line: how a real installation gets its first one.</summary>
public sealed class PlatformAdminBootstrap(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<CommandResult<ProvisionedUser>> CreateAsync(string email, string displayName)
    {
        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
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
        }

        return provisioned;
    }

    public async Task<bool> AnyAsync()
    {
        await using var scope = scopes.CreateForPlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.Users.AnyAsync(u => u.IsPlatformAdmin);
    }
}
