namespace PaymentsPortal.Core.Access;

/// <summary>
/// The one ordering of merchant roles, from least to most privileged. Temporary access may only ask
/// for a role above the one held, and the effective role of a member with a grant is the higher of the two.
/// Roles that need two-factor (Support, Compliance, Admin) rank above those that do not.
/// </summary>
public static class RoleOrder
{
    public static int Rank(MerchantRole role) => role switch
    {
        MerchantRole.Viewer => 1,
        MerchantRole.Operator => 2,
        MerchantRole.Support => 3,
        MerchantRole.Compliance => 4,
        MerchantRole.Admin => 5,
    };

    public static bool IsHigher(MerchantRole role, MerchantRole than) => Rank(role) > Rank(than);

    public static MerchantRole Higher(MerchantRole a, MerchantRole b) => IsHigher(b, a) ? b : a;

    /// <summary>The roles above the one held, lowest first: what a member may ask for temporarily.</summary>
    public static IReadOnlyList<MerchantRole> Above(MerchantRole held) =>
        [.. Enum.GetValues<MerchantRole>().Where(r => IsHigher(r, held)).OrderBy(Rank)];
}
