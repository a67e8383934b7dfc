using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Unit.Tenancy;

[Trait("Tier", "Unit")]
public sealed class UserAccessTests
{
    private static readonly MerchantAccess Coffee = new(Guid.NewGuid(), "Coffee", MerchantRole.Admin);
    private static readonly MerchantAccess Books = new(Guid.NewGuid(), "Books", MerchantRole.Viewer);

    public static TheoryData<Permission> Permissions => [.. Enum.GetValues<Permission>()];

    [Theory]
    [MemberData(nameof(Permissions))]
    public void Has_Anonymous_HoldsNothing(Permission permission)
    {
        Assert.False(UserAccess.Anonymous.Has(permission));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Has_MustEnrollOrChangePassword_OnlyEveryonePermissions(bool mustEnroll, bool mustChangePassword)
    {
        var access = new UserAccess(Guid.NewGuid(), "Ada", true, mustEnroll, mustChangePassword, [Coffee], Coffee);

        foreach (var info in PermissionMatrix.All)
        {
            Assert.Equal(info.Scope == PermissionScope.Everyone, access.Has(info.Permission));
        }
    }

    [Fact]
    public void Has_MerchantPermission_ComesFromTheCurrentMembershipRoleOnly()
    {
        var adminInCoffee = new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Books, Coffee], Coffee);
        var viewerInBooks = new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Books, Coffee], Books);

        Assert.True(adminInCoffee.Has(Permission.MembersManage));
        Assert.False(viewerInBooks.Has(Permission.MembersManage));
        Assert.False(viewerInBooks.Has(Permission.MembersView));
    }

    [Fact]
    public void Has_NoCurrentMerchant_HoldsOnlyEveryonePermissions()
    {
        var access = new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [], null);

        Assert.True(access.Has(Permission.HomeView));
        Assert.True(access.Has(Permission.OwnAccountManage));
        Assert.False(access.Has(Permission.MembersView));
        Assert.False(access.Has(Permission.PermissionMatrixView));
    }

    [Fact]
    public void Has_PlatformAdminWithoutMembership_HoldsPlatformPermissions()
    {
        var access = new UserAccess(Guid.NewGuid(), "Pat", true, false, false, [], null);

        Assert.True(access.Has(Permission.MerchantsManage));
        Assert.True(access.Has(Permission.PermissionMatrixView));
        Assert.False(access.Has(Permission.MembersView));
        Assert.False(access.Has(Permission.MembersManage));
    }

    [Fact]
    public void Has_MerchantAdminWithoutPlatformFlag_LacksMerchantsManage()
    {
        var access = new UserAccess(Guid.NewGuid(), "Ada", false, false, false, [Coffee], Coffee);

        Assert.False(access.Has(Permission.MerchantsManage));
    }
}
