namespace PaymentsPortal.Core.Access.Grants;

/// <summary>
/// Where a temporary access grant stands. Requested and Approved are open (at most one per member and
/// merchant); every other state is final.
/// </summary>
public enum AccessGrantStatus
{
    /// <summary>Waiting for an admin of the merchant.</summary>
    Requested = 1,

    /// <summary>In force until <see cref="AccessGrant.ExpiresAt"/>; past it the grant gives nothing even before the sweep marks it Expired.</summary>
    Approved = 2,

    Denied = 3,

    /// <summary>Withdrawn by the requester before a decision.</summary>
    Canceled = 4,

    /// <summary>Ended early by an admin.</summary>
    Revoked = 5,

    /// <summary>Ran its full time; recorded by the expiry sweep or when the member asks again.</summary>
    Expired = 6,
}
