using Microsoft.AspNetCore.Authorization;

namespace PaymentsPortal.Core.Access;

public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}
