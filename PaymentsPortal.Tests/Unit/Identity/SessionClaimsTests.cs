using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PaymentsPortal.Core.Identity.StepUp;

namespace PaymentsPortal.Tests.Unit.Identity;

[Trait("Tier", "Unit")]
public sealed class SessionClaimsTests
{
    [Fact]
    public async Task KeepSessionIdAsync_PrincipalRebuiltAtRevalidation_KeepsTheSessionsId()
    {
        var session = SessionClaims.NewSessionId();
        var current = new ClaimsPrincipal(new ClaimsIdentity([session], "Identity.Application"));
        var rebuilt = new ClaimsPrincipal(new ClaimsIdentity([SessionClaims.NewSessionId()], "Identity.Application"));

        await SessionClaims.KeepSessionIdAsync(new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = rebuilt });

        Assert.Equal(Guid.Parse(session.Value), SessionClaims.SessionIdOf(rebuilt));
        Assert.Single(rebuilt.FindAll(SessionClaims.SessionId));
    }

    [Fact]
    public void SessionIdOf_PrincipalWithoutOne_IsNull()
    {
        Assert.Null(SessionClaims.SessionIdOf(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public void NewSessionId_IsDifferentEveryTime()
    {
        Assert.NotEqual(SessionClaims.NewSessionId().Value, SessionClaims.NewSessionId().Value);
    }
}
