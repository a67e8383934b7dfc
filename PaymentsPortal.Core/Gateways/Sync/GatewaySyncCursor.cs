using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Gateways.Sync;

/// <summary>
/// How far the gateway sync has read one merchant's gateway, and who is reading it now. The lease keeps two instances (or a
/// scheduled run and an Admin's "run now") from reading the same gateway at once; reading twice would still be harmless, since
/// the inbox stores each event once, but it would spend the gateway's rate limit for nothing.
/// </summary>
public sealed class GatewaySyncCursor : ITenantOwned
{
    public const int ErrorMaxLength = 500;

    public Guid MerchantId { get; init; }

    public GatewayKind Gateway { get; init; }

    /// <summary>Everything the gateway reported before this time has been read; null before the first complete read.</summary>
    public DateTimeOffset? SyncedThrough { get; set; }

    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Why the last read failed, short and redacted; null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>Events the last read stored that had never arrived by webhook.</summary>
    public int LastCaught { get; set; }

    /// <summary>All such events since the cursor was created: a number that should stay near zero when webhooks work.</summary>
    public long TotalCaught { get; set; }
}
