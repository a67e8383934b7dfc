using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Tests.Unit.Tenancy;

[Trait("Tier", "Unit")]
public sealed class UserAccessElevationTests
{
    private static readonly Guid UserId = Guid.NewGuid();
    private static readonly DateTimeOffset Until = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Has_ElevatedViewer_HoldsTheGrantedRolesPermissions()
    {
        var coffee = new MerchantAccess(Guid.NewGuid(), "Coffee", MerchantRole.Compliance, new TemporaryElevation(MerchantRole.Viewer, Until));

        var access = Access(coffee);

        Assert.True(access.Has(Permission.MembersView));
        Assert.False(access.Has(Permission.MembersManage));
    }

    [Fact]
    public void NextElevationEnd_SeveralMerchants_IsTheEarliestEnd()
    {
        var a = new MerchantAccess(Guid.NewGuid(), "A", MerchantRole.Admin, new TemporaryElevation(MerchantRole.Viewer, Until.AddHours(1)));
        var b = new MerchantAccess(Guid.NewGuid(), "B", MerchantRole.Support, new TemporaryElevation(MerchantRole.Viewer, Until));
        var c = new MerchantAccess(Guid.NewGuid(), "C", MerchantRole.Viewer);

        Assert.Equal(Until, Access(a, b, c).NextElevationEnd);
        Assert.Null(Access(c).NextElevationEnd);
    }

    [Fact]
    public void SameAs_EqualResolutions_AreTheSame_AnEndedElevationIsNot()
    {
        var id = Guid.NewGuid();
        var elevated = new MerchantAccess(id, "Coffee", MerchantRole.Compliance, new TemporaryElevation(MerchantRole.Viewer, Until));
        var standing = new MerchantAccess(id, "Coffee", MerchantRole.Viewer);

        Assert.True(Access(elevated).SameAs(Access(elevated with { })));
        Assert.False(Access(elevated).SameAs(Access(standing)));
        Assert.False(Access(standing).SameAs(UserAccess.Anonymous));
    }

    private static UserAccess Access(params MerchantAccess[] memberships) =>
        new(UserId, "Vic", false, false, false, memberships, memberships[0]);
}
