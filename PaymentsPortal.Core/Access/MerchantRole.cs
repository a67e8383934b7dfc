namespace PaymentsPortal.Core.Access;

/// <summary>The one role a user holds in a merchant through a membership.</summary>
public enum MerchantRole
{
    Admin = 1,
    Operator = 2,
    Support = 3,
    Compliance = 4,
    Viewer = 5,
}
