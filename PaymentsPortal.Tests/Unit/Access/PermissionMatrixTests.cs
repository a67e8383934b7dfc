using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Tests.Unit.Access;

[Trait("Tier", "Unit")]
public sealed class PermissionMatrixTests
{
    private static readonly Permission[] AdministrativePermissions =
        [Permission.MembersView, Permission.MembersManage, Permission.PermissionMatrixView, Permission.MerchantsManage];

    public static TheoryData<Permission> Permissions => [.. Enum.GetValues<Permission>()];

    public static TheoryData<MerchantRole> Roles => [.. Enum.GetValues<MerchantRole>()];

    [Theory]
    [MemberData(nameof(Permissions))]
    public void Describe_EveryPermission_HasNameScopeAndDescription(Permission permission)
    {
        var info = PermissionMatrix.Describe(permission);

        Assert.Equal(permission, info.Permission);
        Assert.False(string.IsNullOrWhiteSpace(info.Name));
        Assert.False(string.IsNullOrWhiteSpace(info.Description));
        Assert.True(Enum.IsDefined(info.Scope));
    }

    [Fact]
    public void All_ListsEveryPermissionOnceWithUniqueNames()
    {
        Assert.Equal(Enum.GetValues<Permission>(), PermissionMatrix.All.Select(i => i.Permission));
        Assert.Equal(PermissionMatrix.All.Count, PermissionMatrix.All.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Grants_EveryoneScopedPermission_IsHeldByEveryRoleAndPlatformAdmin()
    {
        var everyone = PermissionMatrix.All.Where(i => i.Scope == PermissionScope.Everyone).Select(i => i.Permission).ToList();

        Assert.NotEmpty(everyone);
        foreach (var permission in everyone)
        {
            Assert.All(PermissionMatrix.Roles, role => Assert.True(PermissionMatrix.Grants(role, permission), $"{role} lacks {permission}"));
            Assert.True(PermissionMatrix.GrantsPlatformAdmin(permission), $"PlatformAdmin lacks {permission}");
        }
    }

    [Theory]
    [InlineData(MerchantRole.Viewer)]
    [InlineData(MerchantRole.Operator)]
    [InlineData(MerchantRole.Support)]
    public void Grants_NonAdministrativeRole_HoldsNoAdministrativePermission(MerchantRole role)
    {
        Assert.All(AdministrativePermissions, permission => Assert.False(PermissionMatrix.Grants(role, permission), $"{role} holds {permission}"));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Grants_MerchantsManage_IsHeldByNoMerchantRole(MerchantRole role)
    {
        Assert.False(PermissionMatrix.Grants(role, Permission.MerchantsManage));
    }

    [Fact]
    public void GrantsPlatformAdmin_MerchantsManage_IsHeld()
    {
        Assert.True(PermissionMatrix.GrantsPlatformAdmin(Permission.MerchantsManage));
    }

    [Fact]
    public void Grants_Admin_HoldsEveryMerchantScopedPermission()
    {
        var merchantScoped = PermissionMatrix.All.Where(i => i.Scope == PermissionScope.Merchant).Select(i => i.Permission);

        Assert.All(merchantScoped, permission => Assert.True(PermissionMatrix.Grants(MerchantRole.Admin, permission)));
    }

    [Fact]
    public void GrantsPlatformAdmin_MerchantData_IsNotHeldByTheFlagAlone()
    {
        Assert.False(PermissionMatrix.GrantsPlatformAdmin(Permission.MembersView));
        Assert.False(PermissionMatrix.GrantsPlatformAdmin(Permission.MembersManage));
    }

    [Theory]
    [InlineData(MerchantRole.Admin, true)]
    [InlineData(MerchantRole.Support, true)]
    [InlineData(MerchantRole.Compliance, true)]
    [InlineData(MerchantRole.Operator, false)]
    [InlineData(MerchantRole.Viewer, false)]
    public void IsPrivileged_Role_MatchesTheTwoFactorPolicy(MerchantRole role, bool expected)
    {
        Assert.Equal(expected, PermissionMatrix.IsPrivileged(role));
    }
}
