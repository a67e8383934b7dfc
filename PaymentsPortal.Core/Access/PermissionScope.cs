namespace PaymentsPortal.Core.Access;

/// <summary>Where a permission comes from.</summary>
public enum PermissionScope
{
    /// <summary>Every signed-in user holds it.</summary>
    Everyone,

    /// <summary>Held through a role in the current merchant.</summary>
    Merchant,

    /// <summary>Held by platform administrators, independent of any merchant.</summary>
    Platform,
}
