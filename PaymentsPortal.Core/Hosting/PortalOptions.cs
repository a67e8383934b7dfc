namespace PaymentsPortal.Core.Hosting;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Sandbox unless configured otherwise: a fresh checkout works offline.</summary>
    public PortalMode Mode { get; set; } = PortalMode.Sandbox;

    /// <summary>Seed the demo merchants and users once. Defaults to on in Sandbox mode and off otherwise.</summary>
    public bool? SeedDemoData { get; set; }

    public bool ShouldSeedDemoData => SeedDemoData ?? Mode == PortalMode.Sandbox;
}
