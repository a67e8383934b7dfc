using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;

namespace PaymentsPortal.Core.Tenancy;

/// <summary>What a signed-in user may reach right now: their active memberships and the merchant in use.</summary>
public sealed class UserAccess
{
    public static UserAccess Anonymous { get; } = new(null, "", false, false, false, [], null);

    public UserAccess(
        Guid? userId,
        string displayName,
        bool isPlatformAdmin,
        bool mustEnrollTwoFactor,
        bool mustChangePassword,
        IReadOnlyList<MerchantAccess> memberships,
        MerchantAccess? current)
    {
        UserId = userId;
        DisplayName = displayName;
        IsPlatformAdmin = isPlatformAdmin;
        MustEnrollTwoFactor = mustEnrollTwoFactor;
        MustChangePassword = mustChangePassword;
        Memberships = memberships;
        Current = current;
    }

    public Guid? UserId { get; }

    public string DisplayName { get; }

    public bool IsPlatformAdmin { get; }

    /// <summary>The setting requires two-factor for this user's roles and they have not enrolled yet.</summary>
    public bool MustEnrollTwoFactor { get; }

    /// <summary>The account was created with a one-time password that has not been replaced yet.</summary>
    public bool MustChangePassword { get; }

    public IReadOnlyList<MerchantAccess> Memberships { get; }

    public MerchantAccess? Current { get; }

    /// <summary>Where this user's request or circuit came from, for the audit entries of what they do.</summary>
    public AuditOrigin Origin { get; internal set; } = AuditOrigin.None;

    /// <summary>This user as the actor of a use case; only for signed-in users.</summary>
    public ActingUser AsActor() =>
        UserId is { } id ? new ActingUser(id, DisplayName, Origin) : throw new InvalidOperationException("Nobody is signed in.");

    /// <summary>When the first temporary grant among the user's merchants ends: their access shrinks then, with no other event.</summary>
    public DateTimeOffset? NextElevationEnd => Memberships.Min(m => m.Elevation?.Until);

    /// <summary>Whether two resolutions give the same access, so a re-check that changed nothing disturbs no page.</summary>
    public bool SameAs(UserAccess other) =>
        UserId == other.UserId && DisplayName == other.DisplayName && IsPlatformAdmin == other.IsPlatformAdmin
        && MustEnrollTwoFactor == other.MustEnrollTwoFactor && MustChangePassword == other.MustChangePassword
        && Current == other.Current && Memberships.SequenceEqual(other.Memberships);

    public bool Has(Permission permission)
    {
        if (UserId is null)
        {
            return false;
        }

        var scope = PermissionMatrix.Describe(permission).Scope;
        if (scope == PermissionScope.Everyone)
        {
            return true;
        }

        // Until a one-time password is replaced and a required second factor enrolled,
        // only one's own account can be managed.
        if (MustEnrollTwoFactor || MustChangePassword)
        {
            return false;
        }

        return (IsPlatformAdmin && PermissionMatrix.GrantsPlatformAdmin(permission))
            || (Current is not null && PermissionMatrix.Grants(Current.Role, permission));
    }
}
