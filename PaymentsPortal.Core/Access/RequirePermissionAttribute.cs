using Microsoft.AspNetCore.Authorization;

namespace PaymentsPortal.Core.Access;

/// <summary>Declares the permission a page or endpoint needs; it maps to the policy of that permission.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(PermissionPolicy.NameOf(permission))
{
    public Permission Permission { get; } = permission;
}
