using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PaymentsPortal.Core.Hosting;
using PaymentsPortal.Core.Identity;

namespace PaymentsPortal.Hosting;

/// <summary>
/// Re-checks an open Blazor circuit's user on an interval well under a minute: a disabled user, a
/// changed role or membership (each of which renews the security stamp) ends the session.
/// </summary>
public sealed class PortalRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SecurityOptions> securityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => securityOptions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        var stamp = authenticationState.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return string.Equals(stamp, await users.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }
}
