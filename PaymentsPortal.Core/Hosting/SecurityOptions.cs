namespace PaymentsPortal.Core.Hosting;

/// <summary>The "Security" configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Require two-factor for Admin, Support, Compliance and PlatformAdmin. Unset means on,
    /// except in Sandbox mode where demo users sign in with a password alone.
    /// </summary>
    public bool? RequireTwoFactorForPrivilegedRoles { get; set; }

    /// <summary>How often an open session re-checks the user (disabled, role changed). Must stay under a minute.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A session with no user activity for this long is signed out.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts allowed per client IP address per minute, before the rate limiter answers 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;

    public bool TwoFactorRequired(PortalMode mode) => RequireTwoFactorForPrivilegedRoles ?? mode != PortalMode.Sandbox;
}
