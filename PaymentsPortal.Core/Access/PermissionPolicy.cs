using Microsoft.AspNetCore.Authorization;

namespace PaymentsPortal.Core.Access;

/// <summary>Names and builds the authorization policy of each permission.</summary>
public static class PermissionPolicy
{
    private const string Prefix = "permission:";

    public static string NameOf(Permission permission) => Prefix + PermissionMatrix.Describe(permission).Name;

    /// <summary>Adds one policy per permission, and a fallback that denies anonymous users everywhere.</summary>
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var info in PermissionMatrix.All)
        {
            options.AddPolicy(NameOf(info.Permission), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(info.Permission)));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
