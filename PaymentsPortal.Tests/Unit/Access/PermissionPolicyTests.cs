using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Tests.Unit.Access;

[Trait("Tier", "Unit")]
public sealed class PermissionPolicyTests
{
    public static TheoryData<Permission> Permissions => [.. Enum.GetValues<Permission>()];

    [Theory]
    [MemberData(nameof(Permissions))]
    public void AddPermissionPolicies_EveryPermission_HasPolicyRequiringItAndAnAuthenticatedUser(Permission permission)
    {
        var options = new AuthorizationOptions();

        options.AddPermissionPolicies();

        var policy = options.GetPolicy(PermissionPolicy.NameOf(permission));
        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
        var requirement = Assert.Single(policy.Requirements.OfType<PermissionRequirement>());
        Assert.Equal(permission, requirement.Permission);
    }

    [Fact]
    public void AddPermissionPolicies_FallbackPolicy_RequiresAnAuthenticatedUser()
    {
        var options = new AuthorizationOptions();

        options.AddPermissionPolicies();

        Assert.NotNull(options.FallbackPolicy);
        Assert.Contains(options.FallbackPolicy.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
    }

    [Fact]
    public void NameOf_Permissions_AreDistinct()
    {
        var names = Enum.GetValues<Permission>().Select(PermissionPolicy.NameOf).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void RequirePermissionAttribute_Permission_NamesItsPolicy()
    {
        var attribute = new RequirePermissionAttribute(Permission.MembersManage);

        Assert.Equal(PermissionPolicy.NameOf(Permission.MembersManage), attribute.Policy);
    }
}
