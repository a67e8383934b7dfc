using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace PaymentsPortal.Core.Identity.StepUp;

/// <summary>
/// A random id per sign-in, carried in the (protected) auth cookie, so "this session" has a name that
/// the step-up window can be tied to. A new sign-in, including the one after a password change, starts a new session.
/// </summary>
public static class SessionClaims
{
    public const string SessionId = "pp:sid";

    public static Claim NewSessionId() => new(SessionId, Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture));

    public static Guid? SessionIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;

    /// <summary>
    /// The cookie's principal is rebuilt whenever the security stamp is re-checked; the session keeps its id
    /// through that. (Were it lost, the next step-up would simply be asked again: the failure is the safe one.)
    /// </summary>
    public static Task KeepSessionIdAsync(SecurityStampRefreshingPrincipalContext context)
    {
        var current = context.CurrentPrincipal?.FindFirst(SessionId);
        if (current is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var stale in identity.FindAll(SessionId).ToList())
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(SessionId, current.Value));
        }

        return Task.CompletedTask;
    }
}
