using PaymentsPortal.Core.Access;

namespace PaymentsPortal.Tests.Unit.Access.Grants;

[Trait("Tier", "Unit")]
public sealed class RoleOrderTests
{
    [Fact]
    public void Rank_EveryRole_HasADistinctRankFromViewerUpToAdmin()
    {
        var ordered = Enum.GetValues<MerchantRole>().OrderBy(RoleOrder.Rank).ToArray();

        Assert.Equal([MerchantRole.Viewer, MerchantRole.Operator, MerchantRole.Support, MerchantRole.Compliance, MerchantRole.Admin], ordered);
        Assert.Equal(ordered.Length, ordered.Select(RoleOrder.Rank).Distinct().Count());
    }

    [Fact]
    public void Rank_PrivilegedRoles_RankAboveTheOthers()
    {
        var privileged = Enum.GetValues<MerchantRole>().Where(PermissionMatrix.IsPrivileged).Min(RoleOrder.Rank);
        var unprivileged = Enum.GetValues<MerchantRole>().Where(r => !PermissionMatrix.IsPrivileged(r)).Max(RoleOrder.Rank);

        Assert.True(privileged > unprivileged);
    }

    [Theory]
    [InlineData(MerchantRole.Viewer, new[] { MerchantRole.Operator, MerchantRole.Support, MerchantRole.Compliance, MerchantRole.Admin })]
    [InlineData(MerchantRole.Compliance, new[] { MerchantRole.Admin })]
    [InlineData(MerchantRole.Admin, new MerchantRole[0])]
    public void Above_Role_ListsTheHigherRolesLowestFirst(MerchantRole held, MerchantRole[] expected)
    {
        Assert.Equal(expected, RoleOrder.Above(held));
    }

    [Theory]
    [InlineData(MerchantRole.Viewer, MerchantRole.Admin, MerchantRole.Admin)]
    [InlineData(MerchantRole.Compliance, MerchantRole.Operator, MerchantRole.Compliance)]
    [InlineData(MerchantRole.Support, MerchantRole.Support, MerchantRole.Support)]
    public void Higher_TwoRoles_IsTheHigherOne(MerchantRole a, MerchantRole b, MerchantRole expected)
    {
        Assert.Equal(expected, RoleOrder.Higher(a, b));
        Assert.Equal(expected, RoleOrder.Higher(b, a));
    }
}
