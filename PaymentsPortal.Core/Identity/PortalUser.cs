using Microsoft.AspNetCore.Identity;

namespace PaymentsPortal.Core.Identity;

/// <summary>A person who signs in to the portal. What they may do comes from memberships, not from here.</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Platform administrators onboard merchants and staff; they hold no merchant data by this flag alone.</summary>
    public bool IsPlatformAdmin { get; set; }

    /// <summary>A disabled user cannot sign in, and open sessions end at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set for accounts created with a one-time password; the portal asks for a new one first.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
