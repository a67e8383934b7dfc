using Microsoft.AspNetCore.Authorization;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Access;

/// <summary>
/// Grants a permission from the user's access as it is in the database now (memberships, roles,
/// merchant status), not from claims frozen into the cookie when the user signed in.
/// </summary>
public sealed class PermissionAuthorizationHandler(CurrentAccess currentAccess) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var access = await currentAccess.GetAsync(context.User);
        if (access.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
