namespace PaymentsPortal.Core.Gateways.Sync;

public enum GatewaySyncOutcome
{
    /// <summary>Read to the end; the cursor moved.</summary>
    Synced = 1,

    /// <summary>Another run holds this gateway's lease; it reads it.</summary>
    Busy = 2,

    /// <summary>The gateway could not be read; the cursor stays, and the next run reads the same range again.</summary>
    Failed = 3,
}

/// <param name="Read">Events the gateway listed.</param>
/// <param name="Caught">Of those, events the inbox did not hold: webhooks that never arrived.</param>
public sealed record GatewaySyncResult(Guid MerchantId, GatewayKind Gateway, GatewaySyncOutcome Outcome, int Read = 0, int Caught = 0, string? Error = null);
