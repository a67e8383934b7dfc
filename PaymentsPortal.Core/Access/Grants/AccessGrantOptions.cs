namespace PaymentsPortal.Core.Access.Grants;

/// <summary>The "AccessGrants" configuration section.</summary>
public sealed class AccessGrantOptions
{
    public const string Section = "AccessGrants";

    /// <summary>How often expired grants are recorded as such. Access ends at expiry regardless; this only writes the state and the audit entry.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
