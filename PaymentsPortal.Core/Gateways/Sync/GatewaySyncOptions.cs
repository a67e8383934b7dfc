namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>How far back the gateway sync reads. Section <c>Jobs:GatewaySync</c>.</summary>
public sealed class GatewaySyncOptions
{
    public const string Section = "Jobs:GatewaySync";

    /// <summary>A merchant's first read goes this far back (a gateway connected today may hold yesterday's disputes).</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Each read starts this long before the previous one did, because a gateway's event list can show an event a little after
    /// the time it carries. Reading an event twice costs nothing: the inbox stores it once.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A read never reaches further back than this: Stripe keeps events for 30 days, and asks for older ones find nothing.</summary>
    public TimeSpan MaxLookback { get; set; } = TimeSpan.FromDays(29);

    /// <summary>How long one instance holds a gateway for its read; a crashed instance's lease lapses after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);
}
